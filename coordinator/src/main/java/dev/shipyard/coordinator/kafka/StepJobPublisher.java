package dev.shipyard.coordinator.kafka;

import dev.shipyard.protocol.jobs.CancelStep;
import dev.shipyard.protocol.jobs.JobCodec;
import dev.shipyard.protocol.jobs.StepJob;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes step jobs and cancellations. Jobs are keyed by their parent chain id, so the steps of one chain
 * land on one partition and tend to run on the worker that has the chain's snapshots unpacked. Idempotent
 * producer, acknowledged by all in-sync replicas; thread-safe.
 */
public final class StepJobPublisher implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final CoordinatorKafkaConfig config;
    private final JobCodec codec = new JobCodec();

    public StepJobPublisher(CoordinatorKafkaConfig config) {
        this.config = config;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, config.clientId() + "-jobs",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Publishes {@code job}; completes once the brokers acknowledged it, exceptionally when they did not. */
    public CompletableFuture<Void> publish(StepJob job) {
        return send(config.topics().steps(), job.chainId(), codec.encode(job), "step job " + job.step());
    }

    /** Asks every worker to stop the step; completes once the request is acknowledged. */
    public CompletableFuture<Void> cancel(CancelStep cancel) {
        return send(config.topics().control(), cancel.buildId(), codec.encode(cancel),
                "cancellation of " + cancel.buildId() + "/" + cancel.stepId());
    }

    private CompletableFuture<Void> send(String topic, String key, byte[] value, String what) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value), (metadata, failure) -> {
            if (failure == null) {
                acked.complete(null);
            } else {
                acked.completeExceptionally(new IllegalStateException("could not publish " + what + " to " + topic
                        + ": " + failure.getMessage(), failure));
            }
        });
        return acked;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
