package dev.shipyard.worker.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Keeps the last lines of a step's output for its failure message, and forwards every line. */
public final class OutputTail implements OutputListener {
    public static final int DEFAULT_LINES = 10;
    private final OutputListener next;
    private final int max;
    private final Deque<String> lines = new ArrayDeque<>();

    public OutputTail(OutputListener next, int max) {
        this.next = next;
        this.max = max;
    }

    @Override
    public void onLine(Stream stream, String line) {
        synchronized (lines) {
            lines.addLast(line);
            if (lines.size() > max) {
                lines.removeFirst();
            }
        }
        next.onLine(stream, line);
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
