package dev.shipyard.coordinator.state;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Map;

/** Orders build entries by id; ids sort by submission time. Serializable because members run it. */
final class ById implements Comparator<Map.Entry<String, BuildRecord>>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Map.Entry<String, BuildRecord> a, Map.Entry<String, BuildRecord> b) {
        return a.getKey().compareTo(b.getKey());
    }
}
