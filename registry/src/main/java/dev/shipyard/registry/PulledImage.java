package dev.shipyard.registry;

import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.ImageReference;
import java.util.List;
import java.util.Objects;

/** An image whose manifest, config and layers are all in the blob store, verified. */
public record PulledImage(ImageReference reference, RawManifest manifest, Descriptor config, List<Descriptor> layers) {

    public PulledImage {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
    }

    /** The digest of the platform manifest (not of the index it was chosen from). */
    public Digest manifestDigest() {
        return manifest.digest();
    }

    public String mediaType() {
        return manifest.mediaType();
    }

    public byte[] manifestBytes() {
        return manifest.bytes();
    }

    public Digest configDigest() {
        return config.digest();
    }

    /** The reference pinned to the manifest digest, for reproducible builds. */
    public ImageReference pinned() {
        return reference.withDigest(manifest.digest());
    }
}
