package dev.shipyard.oci.archive;

import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.ImageConfig;
import dev.shipyard.oci.JsonBlob;
import dev.shipyard.oci.Manifest;
import dev.shipyard.oci.MediaTypes;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One single-platform image in an archive: its names ({@code docker.io/library/app:1.0}), manifest and config
 * with their exact bytes. Layer blobs are not held here: they stream from a {@link BlobSource}.
 */
public record ArchiveImage(List<String> names, JsonBlob<Manifest> manifest, JsonBlob<ImageConfig> config) {

    public ArchiveImage {
        names = names == null ? List.of() : List.copyOf(names);
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(config, "config");
        if (!manifest.value().config().digest().equals(config.digest())) {
            throw new IllegalArgumentException("manifest " + manifest.digest() + " names config "
                    + manifest.value().config().digest() + " but the config given is " + config.digest());
        }
    }

    /** An image of {@code config} and {@code layers} with a canonical OCI manifest. */
    public static ArchiveImage of(List<String> names, ImageConfig config, List<Descriptor> layers) {
        JsonBlob<ImageConfig> configBlob = JsonBlob.of(config);
        Manifest manifest = Manifest.oci(configBlob.descriptor(MediaTypes.OCI_CONFIG), layers);
        return new ArchiveImage(names, JsonBlob.of(manifest), configBlob);
    }

    public List<Descriptor> layers() {
        return manifest.value().layers();
    }

    /** The descriptor of the manifest, with the platform of the config, as an index lists it. */
    public Descriptor manifestDescriptor() {
        String mediaType = manifest.value().mediaType() == null ? MediaTypes.OCI_MANIFEST : manifest.value().mediaType();
        return new Descriptor(mediaType, manifest.digest(), manifest.size(), Map.of(), config.value().platform());
    }
}
