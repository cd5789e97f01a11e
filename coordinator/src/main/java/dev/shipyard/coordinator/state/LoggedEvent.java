package dev.shipyard.coordinator.state;

import java.util.Objects;

/** An event with its position in the build's event log (0 for the first). */
public record LoggedEvent(long sequence, BuildEvent event) {
    public LoggedEvent {
        Objects.requireNonNull(event, "event");
    }
}
