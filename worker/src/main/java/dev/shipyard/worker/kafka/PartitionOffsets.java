package dev.shipyard.worker.kafka;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The jobs of one partition between fetch and completion. Jobs finish out of order when several run at once;
 * the committable offset is the lowest one not yet done, so a commit never skips an unfinished job.
 */
final class PartitionOffsets {
    private final TreeSet<Long> open = new TreeSet<>();
    private long next = -1;
    private long committed = -1;

    void received(long offset) {
        open.add(offset);
        next = Math.max(next, offset + 1);
    }

    void done(long offset) {
        open.remove(offset);
    }

    /** The offset to commit now, when it moved since the last {@link #committed(long)}. */
    OptionalLong committable() {
        if (next < 0) {
            return OptionalLong.empty();
        }
        long offset = open.isEmpty() ? next : open.first();
        return offset > committed ? OptionalLong.of(offset) : OptionalLong.empty();
    }

    void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    boolean isOpen(long offset) {
        return open.contains(offset);
    }
}
