package dev.shipyard.loadtest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Wall time of a fully cached {@code shipyard build --local} through the real CLI process, JVM start included:
 * one warm-up build fills the cache (and the launcher's class data archive), then every timed build must report
 * only CACHED steps. Prints the median and the 95th percentile.
 *
 * <pre>
 * mvn -B -q -pl load-tests -am package -DskipTests
 * java -cp load-tests/target/classes dev.shipyard.loadtest.bench.CachedRebuildBench ./shipyard CONTEXT 30
 * </pre>
 * The context's Dockerfile must start FROM an image of the local store ($SHIPYARD_HOME).
 */
public final class CachedRebuildBench {

    private static final Pattern DONE = Pattern.compile("(?m)^#\\d+ DONE ");
    private static final Pattern FROM = Pattern.compile("(?m)^#\\d+ \\[[^]]*\\] FROM ");
    private static final Pattern CACHED = Pattern.compile("(?m)^#\\d+ CACHED$");

    private CachedRebuildBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: CachedRebuildBench LAUNCHER CONTEXT [RUNS]  (LAUNCHER: ./shipyard)");
            System.exit(2);
        }
        List<String> command = List.of(args[0], "build", "--local", "-t", "bench-cached:latest", args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        run(command);
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            String output = run(command);
            seconds.add((System.nanoTime() - started) / 1e9);
            // FROM is the one step reported DONE in a cached build; any other DONE means a step ran
            if (count(output, DONE) != count(output, FROM) || count(output, CACHED) == 0) {
                throw new IllegalStateException("the build was not fully cached:\n" + output);
            }
        }
        Collections.sort(seconds);
        System.out.printf(Locale.ROOT, "cached rebuild through %s, %d runs: median %.3f s, p95 %.3f s, min %.3f s,"
                + " max %.3f s%n", args[0], runs, percentile(seconds, 50), percentile(seconds, 95), seconds.get(0),
                seconds.get(seconds.size() - 1));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("cached-rebuild", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int code = process.waitFor();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (code != 0) {
                throw new IllegalStateException("could not build: " + String.join(" ", command) + " exited with "
                        + code + ":\n" + output);
            }
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static long count(String text, Pattern pattern) {
        return pattern.matcher(text).results().count();
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(List<Double> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
