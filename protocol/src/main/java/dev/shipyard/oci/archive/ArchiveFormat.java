package dev.shipyard.oci.archive;

/** The tar layouts Shipyard writes and reads. */
public enum ArchiveFormat {
    /** An OCI image layout in a tar ({@code oci-archive}): {@code oci-layout}, {@code index.json}, {@code blobs/}. */
    OCI,
    /**
     * The OCI layout plus Docker's {@code manifest.json} (which {@code docker load} reads) and legacy
     * {@code repositories}, as {@code docker save} of Docker 25 and later writes them.
     */
    DOCKER
}
