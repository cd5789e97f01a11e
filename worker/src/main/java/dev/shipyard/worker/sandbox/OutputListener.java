package dev.shipyard.worker.sandbox;

/** Receives a step's output line by line while it runs; called from reader threads, one per stream. */
@FunctionalInterface
public interface OutputListener {
    /** Which stream a line came from. */
    enum Stream { STDOUT, STDERR }

    void onLine(Stream stream, String line);

    OutputListener DISCARD = (stream, line) -> { };
}
