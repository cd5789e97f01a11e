package dev.shipyard.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image manifest: one config and its layers, for one platform.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/manifest.md">OCI image manifest</a>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"schemaVersion", "mediaType", "config", "layers", "annotations"})
public record Manifest(int schemaVersion, String mediaType, Descriptor config,
                       @JsonInclude(JsonInclude.Include.ALWAYS) List<Descriptor> layers,
                       Map<String, String> annotations) {

    public Manifest {
        if (schemaVersion != 2) {
            throw new IllegalArgumentException("unsupported manifest schemaVersion " + schemaVersion + ": expected 2");
        }
        Objects.requireNonNull(config, "manifest config descriptor");
        layers = layers == null ? List.of() : List.copyOf(layers);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /** An OCI manifest of {@code config} and {@code layers}. */
    public static Manifest oci(Descriptor config, List<Descriptor> layers) {
        return new Manifest(2, MediaTypes.OCI_MANIFEST, config, layers, Map.of());
    }

    public Manifest withAnnotations(Map<String, String> newAnnotations) {
        return new Manifest(schemaVersion, mediaType, config, layers, newAnnotations);
    }
}
