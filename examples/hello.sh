#!/usr/bin/env bash
# Builds examples/hello, a two-stage image, in this process: first a busybox base image made from the host's
# statically linked busybox (Debian's busybox-static), then the image itself. Prints its digest and how to
# run it. Needs root (namespaces and OverlayFS); installs missing Debian packages.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/install-deps.sh
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-0}"

if ! ./shipyard image ls | grep -q '^busybox:latest '; then
  tar -c -C examples/busybox Dockerfile -C /bin busybox | ./shipyard build --local -t busybox:latest -
fi
out="${TMPDIR:-/tmp}/hello.oci.tar"
./shipyard build --local -t hello:1 -o "type=oci,dest=$out" examples/hello
digest=$(skopeo inspect --format '{{.Digest}}' "oci-archive:$out")
cat <<MSG

hello:1 is built: manifest $digest, OCI archive $out
Run it with runc (prints HELLO FROM SHIPYARD):
  rm -rf /tmp/hello-run && mkdir -p /tmp/hello-run/oci && tar -xf $out -C /tmp/hello-run/oci
  umoci unpack --image /tmp/hello-run/oci:1 /tmp/hello-run/bundle
  sed -i 's/"terminal": *true/"terminal": false/' /tmp/hello-run/bundle/config.json
  runc run -b /tmp/hello-run/bundle hello
or copy it anywhere skopeo reaches: skopeo copy oci-archive:$out docker://REGISTRY/hello:1
MSG
