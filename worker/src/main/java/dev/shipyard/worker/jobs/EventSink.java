package dev.shipyard.worker.jobs;

import dev.shipyard.protocol.jobs.OutputStream;

/** Where a running step's output goes; lines are numbered and sent to the coordinator in order. */
@FunctionalInterface
public interface EventSink {
    void output(OutputStream stream, String line);
}
