package dev.shipyard.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * An image index: manifests for several platforms, or the entry point of an OCI image layout.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-index.md">OCI image index</a>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"schemaVersion", "mediaType", "manifests", "annotations"})
public record ImageIndex(int schemaVersion, String mediaType,
                         @JsonInclude(JsonInclude.Include.ALWAYS) List<Descriptor> manifests,
                         Map<String, String> annotations) {

    public ImageIndex {
        if (schemaVersion != 2) {
            throw new IllegalArgumentException("unsupported index schemaVersion " + schemaVersion + ": expected 2");
        }
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /** An OCI index of {@code manifests}. */
    public static ImageIndex oci(List<Descriptor> manifests) {
        return new ImageIndex(2, MediaTypes.OCI_INDEX, manifests, Map.of());
    }
}
