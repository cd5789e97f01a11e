package dev.shipyard.worker.engine;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Progress for a terminal: one line per step, redrawn in place (ANSI cursor movement) as steps start, print,
 * hit the cache and finish. Finished steps scroll up and stay; the running ones are redrawn below them.
 */
public final class TtyProgress implements BuildProgress {
    private static final String UP = "\u001b[%dA";
    private static final String CLEAR_LINE = "\u001b[2K";

    private final PrintWriter out;
    private final int width;
    private final Map<Integer, Line> active = new LinkedHashMap<>();
    private int drawn;

    /** {@code width} is the terminal's column count; lines are cut to fit so that none wraps. */
    public TtyProgress(PrintWriter out, int width) {
        this.out = out;
        this.width = Math.max(20, width);
    }

    @Override
    public synchronized void started(int id, String title) {
        active.put(id, new Line(id, title, System.nanoTime()));
        redraw(List.of());
    }

    @Override
    public synchronized void output(int id, Duration elapsed, String line) {
        Line step = active.get(id);
        if (step != null) {
            step.last = line.replaceAll("\\p{Cntrl}", " ");
            redraw(List.of());
        }
    }

    @Override
    public synchronized void cached(int id) {
        finish(id, "CACHED");
    }

    @Override
    public synchronized void done(int id, Duration elapsed) {
        finish(id, "DONE " + seconds(elapsed));
    }

    @Override
    public synchronized void failed(int id, Duration elapsed, String message) {
        // the message goes above the running block, where it stays: a long one may wrap without harm there
        finish(id, "ERROR " + seconds(elapsed), "#" + id + " ERROR: " + message);
    }

    private void finish(int id, String status, String... below) {
        Line step = active.remove(id);
        if (step == null) {
            return;
        }
        List<String> finished = new ArrayList<>();
        finished.add(fit("#" + id + " " + step.title, status));
        finished.addAll(List.of(below));
        redraw(finished);
    }

    /** Rewrites the running block: finished lines first (they stay), then every running step. */
    private void redraw(List<String> finished) {
        StringBuilder frame = new StringBuilder();
        if (drawn > 0) {
            frame.append('\r').append(String.format(Locale.ROOT, UP, drawn));
        }
        List<String> lines = new ArrayList<>(finished);
        for (Line step : active.values()) {
            String elapsed = seconds(Duration.ofNanos(System.nanoTime() - step.started));
            String text = step.last == null ? step.title : step.title + "  > " + step.last;
            lines.add(fit("#" + step.id + " " + text, elapsed));
        }
        for (String line : lines) {
            frame.append(CLEAR_LINE).append(line).append('\n');
        }
        // a block that shrank leaves old lines below it: clear them and come back up
        int leftover = drawn - lines.size();
        for (int i = 0; i < leftover; i++) {
            frame.append(CLEAR_LINE).append('\n');
        }
        if (leftover > 0) {
            frame.append(String.format(Locale.ROOT, UP, leftover));
        }
        drawn = active.size();
        out.print(frame);
        out.flush();
    }

    /** {@code text} cut so that it and {@code status}, right-aligned, fill one line of the terminal. */
    String fit(String text, String status) {
        int room = width - 1 - status.length() - 1;
        String cut = text.length() > room ? text.substring(0, Math.max(0, room - 1)) + "…" : text;
        return cut + " ".repeat(Math.max(1, width - 1 - cut.length() - status.length())) + status;
    }

    private static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1fs", elapsed.toNanos() / 1e9);
    }

    private static final class Line {
        final int id;
        final String title;
        final long started;
        String last;

        Line(int id, String title, long started) {
            this.id = id;
            this.title = title;
            this.started = started;
        }
    }
}
