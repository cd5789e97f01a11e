package dev.shipyard.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.MediaTypes;
import dev.shipyard.oci.Platform;
import java.io.IOException;
import java.util.List;

/** Manifest and index JSON for tests, written with Jackson. */
final class TestManifests {
    static final ObjectMapper JSON = new ObjectMapper();

    private TestManifests() {
    }

    static byte[] manifest(String mediaType, Descriptor config, List<Descriptor> layers) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", mediaType);
        root.set("config", descriptor(config));
        ArrayNode array = root.putArray("layers");
        layers.forEach(l -> array.add(descriptor(l)));
        return JSON.writeValueAsBytes(root);
    }

    static byte[] index(List<Descriptor> manifests) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode array = root.putArray("manifests");
        manifests.forEach(m -> array.add(descriptor(m)));
        return JSON.writeValueAsBytes(root);
    }

    static ObjectNode descriptor(Descriptor d) {
        ObjectNode node = JSON.createObjectNode();
        node.put("mediaType", d.mediaType());
        node.put("digest", d.digest().toString());
        node.put("size", d.size());
        Platform p = d.platform();
        if (p != null) {
            ObjectNode platform = node.putObject("platform");
            platform.put("architecture", p.architecture());
            platform.put("os", p.os());
            if (p.variant() != null && !p.variant().isEmpty()) {
                platform.put("variant", p.variant());
            }
        }
        return node;
    }
}
