package dev.shipyard.cache.blob;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls an operation again, with exponential backoff and jitter, while it fails with a
 * {@link RetriableStoreException} and the deadline has not passed. Any other failure is thrown at once.
 */
public final class Retrier {
    private static final Logger log = LoggerFactory.getLogger(Retrier.class);

    /** One attempt of the operation. */
    @FunctionalInterface
    public interface Attempt<T> {
        T call() throws IOException;
    }

    private final Duration deadline;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final Clock clock;
    private final Runnable onRetry;

    public Retrier(Duration deadline, Duration initialDelay, Duration maxDelay, Clock clock, Runnable onRetry) {
        this.deadline = deadline;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.clock = clock;
        this.onRetry = onRetry;
    }

    public static Retrier of(Duration deadline, Runnable onRetry) {
        return new Retrier(deadline, Duration.ofMillis(100), Duration.ofSeconds(5), Clock.systemUTC(), onRetry);
    }

    public Duration deadline() {
        return deadline;
    }

    /** Runs {@code attempt}; {@code action} names it in logs and in the final error ("upload part 3 of ..."). */
    public <T> T call(String action, Attempt<T> attempt) throws IOException {
        long giveUpAt = clock.millis() + deadline.toMillis();
        long delay = initialDelay.toMillis();
        for (int tries = 1; ; tries++) {
            try {
                return attempt.call();
            } catch (RetriableStoreException e) {
                long now = clock.millis();
                if (now + delay > giveUpAt) {
                    throw new RetriableStoreException("could not " + action + " after " + tries + " attempts within "
                            + deadline.toSeconds() + "s: " + e.getMessage(), e);
                }
                log.warn("could not {} (attempt {}), retrying in {} ms: {}", action, tries, delay, e.getMessage());
                onRetry.run();
                pause(delay);
                delay = Math.min(maxDelay.toMillis(), delay * 2);
            }
        }
    }

    private static void pause(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }
}
