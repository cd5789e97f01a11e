package dev.shipyard.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the descriptors out of raw manifest and index JSON, leaving the bytes (and so the digest) untouched. */
final class ManifestJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestJson() {
    }

    static JsonNode read(RawManifest manifest) throws RegistryException {
        try {
            return JSON.readTree(manifest.bytes());
        } catch (IOException e) {
            throw new RegistryException("could not read manifest " + manifest.digest() + ": not valid JSON", e);
        }
    }

    static Descriptor config(JsonNode manifest, Digest where) throws RegistryException {
        return descriptor(manifest.path("config"), where, "config");
    }

    static List<Descriptor> layers(JsonNode manifest, Digest where) throws RegistryException {
        return descriptors(manifest.path("layers"), where, "layers");
    }

    static List<Descriptor> manifests(JsonNode index, Digest where) throws RegistryException {
        return descriptors(index.path("manifests"), where, "manifests");
    }

    private static List<Descriptor> descriptors(JsonNode array, Digest where, String field) throws RegistryException {
        if (!array.isArray()) {
            throw new RegistryException("could not read manifest " + where + ": it has no " + field + " array");
        }
        List<Descriptor> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            out.add(descriptor(array.get(i), where, field + "[" + i + "]"));
        }
        return out;
    }

    private static Descriptor descriptor(JsonNode node, Digest where, String field) throws RegistryException {
        try {
            Map<String, String> annotations = new HashMap<>();
            node.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
            JsonNode p = node.path("platform");
            Platform platform = p.isObject()
                    ? new Platform(p.path("os").asText(""), p.path("architecture").asText(""), p.path("variant").asText(""))
                    : null;
            if (!node.path("size").canConvertToLong() || !node.path("mediaType").isTextual()) {
                throw new IllegalArgumentException("mediaType and size are required");
            }
            return new Descriptor(node.path("mediaType").asText(), Digest.parse(node.path("digest").asText(null)),
                    node.path("size").asLong(), annotations, platform);
        } catch (IllegalArgumentException e) {
            throw new RegistryException("could not read manifest " + where + ": invalid descriptor in " + field + ": "
                    + e.getMessage(), e);
        }
    }
}
