package dev.shipyard.cache.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {
    private final AtomicInteger retries = new AtomicInteger();
    private final Retrier retrier = new Retrier(Duration.ofSeconds(2), Duration.ofMillis(1), Duration.ofMillis(4),
            Clock.systemUTC(), retries::incrementAndGet);

    @Test
    void call_transientFailuresThenSuccess_returnsTheResult() throws IOException {
        AtomicInteger attempts = new AtomicInteger();

        String result = retrier.call("fetch", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new RetriableStoreException("down", new ConnectException("refused"));
            }
            return "ok";
        });

        assertThat(result).isEqualTo("ok");
        assertThat(retries).hasValue(2);
    }

    @Test
    void call_permanentFailure_isThrownAtOnce() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retrier.call("fetch", () -> {
            attempts.incrementAndGet();
            throw new StoreAccessException("denied", null);
        })).isInstanceOf(StoreAccessException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void call_transientPastTheDeadline_failsNamingTheAction() {
        Retrier shortDeadline = new Retrier(Duration.ofMillis(50), Duration.ofMillis(5), Duration.ofMillis(10),
                Clock.systemUTC(), () -> { });

        assertThatThrownBy(() -> shortDeadline.call("upload part 3", () -> {
            throw new RetriableStoreException("endpoint unreachable", new ConnectException("refused"));
        })).isInstanceOf(RetriableStoreException.class)
                .hasMessageContaining("could not upload part 3").hasMessageContaining("endpoint unreachable");
    }
}
