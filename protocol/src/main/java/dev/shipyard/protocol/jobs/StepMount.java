package dev.shipyard.protocol.jobs;

import java.util.Map;
import java.util.Objects;

/** A {@code RUN --mount}: its type ({@code cache}, {@code bind}, {@code tmpfs}, {@code secret}...), target and options. */
public record StepMount(String type, String target, Map<String, String> options) {
    public StepMount {
        StepRef.requireText(type, "mount type");
        StepRef.requireText(target, "mount target");
        options = options == null ? Map.of() : Map.copyOf(Objects.requireNonNull(options));
    }
}
