package dev.shipyard.registry;

import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import java.util.Arrays;
import java.util.Objects;

/** A manifest or index exactly as the registry served it; its digest is over these bytes. */
public record RawManifest(Digest digest, String mediaType, byte[] bytes) {

    public RawManifest {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public Descriptor descriptor() {
        return new Descriptor(mediaType, digest, bytes.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawManifest other && digest.equals(other.digest) && mediaType.equals(other.mediaType)
                && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return "RawManifest[" + mediaType + " " + digest + ", " + bytes.length + " bytes]";
    }
}
