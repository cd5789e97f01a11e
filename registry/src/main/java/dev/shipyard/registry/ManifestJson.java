package dev.shipyard.registry;

import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.ImageIndex;
import dev.shipyard.oci.JsonBlob;
import dev.shipyard.oci.Manifest;
import java.util.List;

/**
 * Reads raw manifest and index bytes into the typed OCI model, keeping the bytes (and so the digest) untouched.
 * Every descriptor is checked by the model: a missing media type or a malformed digest fails the read.
 */
final class ManifestJson {

    private ManifestJson() {
    }

    static JsonBlob<Manifest> manifest(RawManifest raw) throws RegistryException {
        JsonBlob<Manifest> manifest = parse(raw, Manifest.class);
        checkSizes(raw, List.of(manifest.value().config()));
        checkSizes(raw, manifest.value().layers());
        return manifest;
    }

    static JsonBlob<ImageIndex> index(RawManifest raw) throws RegistryException {
        JsonBlob<ImageIndex> index = parse(raw, ImageIndex.class);
        checkSizes(raw, index.value().manifests());
        return index;
    }

    private static <T> JsonBlob<T> parse(RawManifest raw, Class<T> type) throws RegistryException {
        try {
            return JsonBlob.parse(raw.bytes(), type);
        } catch (IllegalArgumentException e) {
            throw new RegistryException("could not read manifest " + raw.digest() + ": " + e.getMessage(), e);
        }
    }

    /** A descriptor without a size would read as size 0, and no image blob is empty: refuse it here, by name. */
    private static void checkSizes(RawManifest raw, List<Descriptor> descriptors) throws RegistryException {
        for (Descriptor d : descriptors) {
            if (d.size() <= 0) {
                throw new RegistryException("could not read manifest " + raw.digest() + ": descriptor " + d.digest()
                        + " has no size");
            }
        }
    }
}
