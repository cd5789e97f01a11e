package dev.shipyard.protocol.jobs;

import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import java.util.Objects;

/** One layer below a step: its blob descriptor and its diffID (digest of the uncompressed tar). */
public record ParentLayer(Descriptor descriptor, Digest diffId) {
    public ParentLayer {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(diffId, "diffId");
    }
}
