package dev.shipyard.worker.kafka;

import dev.shipyard.config.ConfigException;
import dev.shipyard.config.Settings;
import dev.shipyard.protocol.jobs.Topics;
import java.time.Duration;
import java.util.Objects;

/**
 * The step consumer's settings: {@code kafka.bootstrap.servers} (required), {@code worker.group}
 * (shipyard-workers), {@code worker.id} (worker-&lt;pid&gt;), {@code worker.slots} (steps at once; the CPU count),
 * {@code worker.heartbeat.interval} (5s), {@code worker.shutdown.grace} (30s), {@code worker.retry.max-attempts}
 * (3), and the topic names ({@code kafka.topic.prefix}).
 */
public record WorkerKafkaConfig(String bootstrapServers, String groupId, String workerId, int slots,
                                Duration heartbeatInterval, Duration shutdownGrace, int maxAttempts, Topics topics) {
    public WorkerKafkaConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(topics, "topics");
        if (slots < 1) {
            throw new ConfigException("worker.slots", "must be 1 or more, was " + slots);
        }
        if (maxAttempts < 1) {
            throw new ConfigException("worker.retry.max-attempts", "must be 1 or more, was " + maxAttempts);
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new ConfigException("worker.heartbeat.interval", "must be positive, was " + heartbeatInterval);
        }
        if (shutdownGrace.isNegative()) {
            throw new ConfigException("worker.shutdown.grace", "must not be negative, was " + shutdownGrace);
        }
    }

    public static WorkerKafkaConfig from(Settings settings) {
        return new WorkerKafkaConfig(settings.required("kafka.bootstrap.servers"),
                settings.string("worker.group", "shipyard-workers"),
                settings.string("worker.id", "worker-" + ProcessHandle.current().pid()),
                settings.integer("worker.slots", Runtime.getRuntime().availableProcessors()),
                settings.duration("worker.heartbeat.interval", Duration.ofSeconds(5)),
                settings.duration("worker.shutdown.grace", Duration.ofSeconds(30)),
                settings.integer("worker.retry.max-attempts", 3),
                Topics.from(settings));
    }
}
