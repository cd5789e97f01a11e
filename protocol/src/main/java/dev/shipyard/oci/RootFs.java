package dev.shipyard.oci;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/** The layers of an image by their uncompressed digests (diffIDs), bottom first. */
@JsonPropertyOrder({"type", "diff_ids"})
public record RootFs(@JsonProperty("type") String type, @JsonProperty("diff_ids") List<Digest> diffIds) {

    public static final String LAYERS = "layers";

    public RootFs {
        type = type == null ? LAYERS : type;
        diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
    }

    public static RootFs empty() {
        return new RootFs(LAYERS, List.of());
    }

    public RootFs plus(Digest diffId) {
        List<Digest> ids = new ArrayList<>(diffIds);
        ids.add(diffId);
        return new RootFs(type, ids);
    }
}
