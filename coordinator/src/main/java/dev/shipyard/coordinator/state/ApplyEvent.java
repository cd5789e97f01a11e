package dev.shipyard.coordinator.state;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;
import java.util.Optional;

/** Applies one event to the build record inside its map entry; answers the new record, or null when rejected. */
record ApplyEvent(BuildEvent event) implements EntryProcessor<String, BuildRecord, BuildRecord> {

    @Override
    public BuildRecord process(Map.Entry<String, BuildRecord> entry) {
        BuildRecord current = entry.getValue();
        if (current == null) {
            return null;
        }
        Optional<BuildRecord> next = current.apply(event);
        if (next.isEmpty()) {
            return null;
        }
        if (next.get() != current) {
            entry.setValue(next.get());
        }
        return next.get();
    }
}
