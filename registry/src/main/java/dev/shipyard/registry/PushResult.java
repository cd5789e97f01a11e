package dev.shipyard.registry;

import dev.shipyard.oci.Digest;
import dev.shipyard.oci.ImageReference;
import java.util.Map;

/** What a push did: the manifest digest now under the reference, and per blob whether it existed, was mounted or uploaded. */
public record PushResult(ImageReference reference, Digest manifestDigest, Map<Digest, RegistryClient.PushOutcome> blobs) {

    public PushResult {
        blobs = Map.copyOf(blobs);
    }

    /** The reference pinned to the pushed manifest. */
    public ImageReference pinned() {
        return reference.withDigest(manifestDigest);
    }
}
