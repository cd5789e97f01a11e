package dev.shipyard.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds a JSON object in a fixed field order, leaving out what Go's {@code omitempty} leaves out. */
final class JsonFields {

    private final Map<String, Object> fields;

    private JsonFields(Map<String, Object> fields) {
        this.fields = fields;
    }

    static JsonFields ordered() {
        return new JsonFields(new LinkedHashMap<>());
    }

    static JsonFields sorted() {
        return new JsonFields(new TreeMap<>());
    }

    JsonFields put(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    JsonFields omitEmpty(String name, Object value) {
        if (!isEmpty(value)) {
            fields.put(name, value);
        }
        return this;
    }

    JsonFields nanos(String name, Duration value) {
        return omitEmpty(name, value == null || value.isZero() ? null : value.toNanos());
    }

    JsonFields putAll(Map<String, JsonNode> extra) {
        extra.forEach(fields::putIfAbsent);
        return this;
    }

    /** A tree in this order: the mapper sorts {@code Map} keys, which must not reorder struct-like objects. */
    ObjectNode build() {
        ObjectNode node = OciJson.mapper().createObjectNode();
        fields.forEach((name, value) -> node.set(name, OciJson.mapper().valueToTree(value)));
        return node;
    }

    private static boolean isEmpty(Object value) {
        return value == null
                || value instanceof String s && s.isEmpty()
                || value instanceof Collection<?> c && c.isEmpty()
                || value instanceof Map<?, ?> m && m.isEmpty()
                || value instanceof Boolean b && !b
                || value instanceof Number n && n.longValue() == 0;
    }

    static List<String> strings(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        node.forEach(element -> values.add(element.asText()));
        return List.copyOf(values);
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    static Duration duration(JsonNode node) {
        return node == null || node.isNull() ? null : Duration.ofNanos(node.asLong());
    }
}
