package dev.shipyard.worker.engine;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** Progress as BuildKit's plain output: {@code #3 [2/4] RUN make}, {@code #3 0.123 line}, {@code #3 DONE 0.3s}. */
public final class PlainProgress implements BuildProgress {
    private final PrintWriter out;

    public PlainProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void started(int id, String title) {
        out.println("#" + id + " " + title);
        out.flush();
    }

    @Override
    public synchronized void output(int id, Duration elapsed, String line) {
        out.println("#" + id + " " + seconds(elapsed, 3) + " " + line);
        out.flush();
    }

    @Override
    public synchronized void cached(int id) {
        out.println("#" + id + " CACHED");
        out.println();
        out.flush();
    }

    @Override
    public synchronized void done(int id, Duration elapsed) {
        out.println("#" + id + " DONE " + seconds(elapsed, 1) + "s");
        out.println();
        out.flush();
    }

    @Override
    public synchronized void failed(int id, Duration elapsed, String message) {
        out.println("#" + id + " ERROR: " + message);
        out.println();
        out.flush();
    }

    private static String seconds(Duration elapsed, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", elapsed.toNanos() / 1e9);
    }
}
