package dev.shipyard.worker.sandbox;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervises the host process that carries a step (the launcher, or {@code runc run}): streams its
 * output line by line, enforces the timeout and cancellation with {@code kill}, and waits for it.
 */
public final class StepProcess {
    private static final Logger LOG = LoggerFactory.getLogger(StepProcess.class);
    private static final Duration DRAIN = Duration.ofSeconds(10);

    /** How the host process ended; {@code exitCode} is -1 when it never ended on its own. */
    public record Outcome(int exitCode, boolean timedOut, boolean cancelled, Duration elapsed) {
    }

    private StepProcess() {
    }

    /**
     * Runs {@code command} to its end. On timeout or cancellation {@code kill} runs, then the process is
     * killed too, and this waits until it and its output are gone.
     */
    public static Outcome run(List<String> command, OutputListener output, Duration timeout,
            CancellationToken cancel, Runnable kill) throws IOException, InterruptedException {
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(new File("/dev/null"));
        Process process = builder.start();
        Thread out = pump(process.getInputStream(), OutputListener.Stream.STDOUT, output);
        Thread err = pump(process.getErrorStream(), OutputListener.Stream.STDERR, output);
        Runnable killAll = () -> {
            kill.run();
            process.destroyForcibly();
        };
        boolean timedOut = false;
        CancellationToken.Registration registration = cancel.onCancel(killAll);
        try {
            if (timeout.isZero()) {
                process.waitFor();
            } else if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                timedOut = true;
                killAll.run();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            killAll.run();
            throw e;
        } finally {
            registration.close();
            if (process.isAlive()) {
                killAll.run();
            }
        }
        out.join(DRAIN.toMillis());
        err.join(DRAIN.toMillis());
        boolean cancelled = cancel.isCancelled() && !timedOut;
        int exit = timedOut || cancelled ? -1 : process.exitValue();
        return new Outcome(exit, timedOut, cancelled, Duration.ofNanos(System.nanoTime() - start));
    }

    private static Thread pump(InputStream in, OutputListener.Stream stream, OutputListener output) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.onLine(stream, line);
                }
            } catch (IOException e) {
                LOG.debug("step output {} closed: {}", stream, e.toString());
            } catch (RuntimeException e) {
                LOG.warn("step output listener failed on {}", stream, e);
            }
        }, "step-" + stream.name().toLowerCase(java.util.Locale.ROOT));
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
