package dev.shipyard.registry;

import dev.shipyard.oci.ImageReference;

/** The registry has no manifest under the reference (HTTP 404): an unknown repository, tag or digest. */
public class ManifestNotFoundException extends RegistryException {
    private final ImageReference reference;

    public ManifestNotFoundException(ImageReference reference, String message) {
        super(message);
        this.reference = reference;
    }

    public ImageReference reference() {
        return reference;
    }
}
