package dev.shipyard.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One entry of an image's history: the instruction that made a layer, or changed only metadata.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/config.md">OCI image config</a>
 */
public record History(Instant created, String createdBy, String author, String comment, boolean emptyLayer) {

    /** A history entry for {@code createdBy} at {@code created}. */
    public static History of(Instant created, String createdBy) {
        return new History(created, createdBy, null, null, false);
    }

    public History withEmptyLayer(boolean empty) {
        return new History(created, createdBy, author, comment, empty);
    }

    public History withComment(String newComment) {
        return new History(created, createdBy, author, newComment, emptyLayer);
    }

    @JsonValue
    ObjectNode toJson() {
        return JsonFields.ordered()
                .omitEmpty("created", created == null ? null : OciJson.formatTime(created))
                .omitEmpty("created_by", createdBy)
                .omitEmpty("author", author)
                .omitEmpty("comment", comment)
                .omitEmpty("empty_layer", emptyLayer)
                .build();
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static History fromJson(JsonNode node) {
        String created = JsonFields.text(node.get("created"));
        return new History(created == null ? null : OciJson.parseTime(created), JsonFields.text(node.get("created_by")),
                JsonFields.text(node.get("author")), JsonFields.text(node.get("comment")),
                node.path("empty_layer").asBoolean());
    }
}
