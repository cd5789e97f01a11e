package dev.shipyard.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * A container health check as Docker stores it in an image config; durations are written as nanoseconds.
 *
 * @param test {@code ["NONE"]}, {@code ["CMD", args...]} or {@code ["CMD-SHELL", command]}; empty inherits
 * @param retries failures in a row before the container is unhealthy; 0 inherits
 */
public record Healthcheck(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
                          Duration startInterval, int retries) {

    public Healthcheck {
        test = test == null ? List.of() : List.copyOf(test);
    }

    /** {@code HEALTHCHECK NONE}. */
    public static Healthcheck none() {
        return new Healthcheck(List.of("NONE"), null, null, null, null, 0);
    }

    @JsonValue
    ObjectNode toJson() {
        return JsonFields.ordered()
                .omitEmpty("Test", test)
                .nanos("Interval", interval)
                .nanos("Timeout", timeout)
                .nanos("StartPeriod", startPeriod)
                .nanos("StartInterval", startInterval)
                .omitEmpty("Retries", retries)
                .build();
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Healthcheck fromJson(JsonNode node) {
        return new Healthcheck(JsonFields.strings(node.get("Test")), JsonFields.duration(node.get("Interval")),
                JsonFields.duration(node.get("Timeout")), JsonFields.duration(node.get("StartPeriod")),
                JsonFields.duration(node.get("StartInterval")), node.path("Retries").asInt());
    }
}
