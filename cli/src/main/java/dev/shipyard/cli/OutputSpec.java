package dev.shipyard.cli;

import dev.shipyard.oci.archive.ArchiveFormat;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** One {@code -o type=oci|docker|local,dest=PATH}. */
record OutputSpec(String type, Path dest) {

    static OutputSpec parse(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("invalid --output '" + text + "': expected type=...,dest=...");
            }
            fields.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        String type = fields.getOrDefault("type", "");
        if (!type.equals("oci") && !type.equals("docker") && !type.equals("local")) {
            throw new IllegalArgumentException("invalid --output '" + text + "': type must be oci, docker or local");
        }
        String dest = fields.get("dest");
        if (dest == null || dest.isEmpty()) {
            throw new IllegalArgumentException("invalid --output '" + text + "': dest is required");
        }
        return new OutputSpec(type, Path.of(dest));
    }

    ArchiveFormat format() {
        return type.equals("docker") ? ArchiveFormat.DOCKER : ArchiveFormat.OCI;
    }
}
