package dev.shipyard.coordinator.state;

import java.util.List;

/** Events read from a build's log, and where the next read starts. */
public record EventBatch(List<LoggedEvent> events, long next) {
    public EventBatch {
        events = List.copyOf(events);
    }
}
