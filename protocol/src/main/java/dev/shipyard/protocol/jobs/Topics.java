package dev.shipyard.protocol.jobs;

import dev.shipyard.config.Settings;

/**
 * The names of the farm's topics: step jobs, step events, control messages (cancellation) and dead letters
 * (messages no reader could decode). Every name is {@code <kafka.topic.prefix>.<kind>}.
 */
public record Topics(String steps, String events, String control, String deadLetter) {
    public static final String PREFIX_SETTING = "kafka.topic.prefix";
    public static final String DEFAULT_PREFIX = "shipyard";

    public Topics {
        StepRef.requireText(steps, "steps topic");
        StepRef.requireText(events, "events topic");
        StepRef.requireText(control, "control topic");
        StepRef.requireText(deadLetter, "dead-letter topic");
    }

    /** The topics under {@code prefix}, e.g. {@code shipyard.steps}. */
    public static Topics withPrefix(String prefix) {
        return new Topics(prefix + ".steps", prefix + ".events", prefix + ".control", prefix + ".dead-letter");
    }

    /** The topics under the prefix set by {@value #PREFIX_SETTING}, {@value #DEFAULT_PREFIX} by default. */
    public static Topics from(Settings settings) {
        return withPrefix(settings.string(PREFIX_SETTING, DEFAULT_PREFIX));
    }
}
