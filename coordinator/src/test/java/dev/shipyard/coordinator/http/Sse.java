package dev.shipyard.coordinator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** One server-sent event as a test reads it. */
record Sse(long id, String event, JsonNode data) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses a whole event stream; comment blocks are skipped. */
    static List<Sse> parse(String stream) {
        List<Sse> events = new ArrayList<>();
        for (String block : stream.split("\n\n")) {
            long id = -1;
            String event = null;
            JsonNode data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("id: ")) {
                    id = Long.parseLong(line.substring(4));
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = read(line.substring(6));
                }
            }
            if (event != null) {
                events.add(new Sse(id, event, data));
            }
        }
        return events;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
