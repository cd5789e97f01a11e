package dev.shipyard.worker.kafka;

import dev.shipyard.protocol.jobs.FailureKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/** Counts of step outcomes on this worker ({@code shipyard.worker.steps}) and of refused records. */
final class StepMetrics {
    private final MeterRegistry registry;

    StepMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void built() {
        outcome("built").increment();
    }

    void cached() {
        outcome("cached").increment();
    }

    void retried() {
        outcome("retried").increment();
    }

    void failed(FailureKind kind) {
        outcome("failed-" + kind.name().toLowerCase(Locale.ROOT)).increment();
    }

    void malformed(String topic) {
        Counter.builder("shipyard.kafka.malformed").description("records no reader could decode, sent to dead letters")
                .tag("topic", topic).register(registry).increment();
    }

    private Counter outcome(String outcome) {
        return Counter.builder("shipyard.worker.steps").tag("outcome", outcome).register(registry);
    }
}
