#!/usr/bin/env bash
# Installs the Debian packages Shipyard's tests and embedded farm use, when they are missing.
set -euo pipefail

# gcc and libc6-dev build the worker's statically linked sandbox launcher; apache2-utils makes the
# bcrypt htpasswd file of the authenticated test registry; tar, gzip and zstd pack the benchmarks' comparisons.
packages=(runc skopeo umoci docker-registry busybox-static util-linux iproute2 curl gcc libc6-dev apache2-utils tar gzip zstd)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "shipyard: missing packages ${missing[*]}; run as root or install them with apt-get" >&2
    exit 1
  fi
  echo "shipyard: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian starts docker-registry as a service on install; tests start their own registries.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet docker-registry 2>/dev/null; then
  systemctl stop docker-registry || true
fi
