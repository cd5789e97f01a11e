package dev.shipyard.oci.archive;

/** The tar layouts Shipyard writes and reads. */
public enum ArchiveFormat {
    /** An OCI image layout in a tar ({@code oci-archive}): {@code oci-layout}, {@code index.json}, {@code blobs/}. */
    OCI,
    /** The OCI layout plus Docker's {@code manifest.json}, which {@code docker load} reads, as BuildKit's docker exporter writes it. */
    DOCKER
}
