package dev.shipyard.oci.archive;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** One image in Docker's {@code manifest.json}: paths inside the archive, and familiar names. */
@JsonPropertyOrder({"Config", "RepoTags", "Layers"})
public record DockerManifestEntry(@JsonProperty("Config") String config, @JsonProperty("RepoTags") List<String> repoTags,
                                  @JsonProperty("Layers") List<String> layers) {

    public DockerManifestEntry {
        // Go writes a nil slice as null, and BuildKit leaves RepoTags nil for an image without names
        repoTags = repoTags == null || repoTags.isEmpty() ? null : List.copyOf(repoTags);
        layers = layers == null ? List.of() : List.copyOf(layers);
    }
}
