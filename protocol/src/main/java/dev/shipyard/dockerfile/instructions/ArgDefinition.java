package dev.shipyard.dockerfile.instructions;

/** One build argument of an ARG instruction; {@code defaultValue} is null when none is given. */
public record ArgDefinition(String name, String defaultValue) {

    public boolean hasDefault() {
        return defaultValue != null;
    }
}
