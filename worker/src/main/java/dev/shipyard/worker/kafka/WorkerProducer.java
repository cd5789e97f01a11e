package dev.shipyard.worker.kafka;

import dev.shipyard.protocol.jobs.JobCodec;
import dev.shipyard.protocol.jobs.StepEvent;
import dev.shipyard.protocol.jobs.StepJob;
import dev.shipyard.protocol.jobs.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything a worker writes to Kafka: step events, retried jobs and dead letters; idempotent, acks from all replicas. */
final class WorkerProducer implements AutoCloseable {
    static final String HEADER_SOURCE_TOPIC = "shipyard.source.topic";
    static final String HEADER_SOURCE_PARTITION = "shipyard.source.partition";
    static final String HEADER_SOURCE_OFFSET = "shipyard.source.offset";
    static final String HEADER_ERROR = "shipyard.error";
    private static final Logger LOG = LoggerFactory.getLogger(WorkerProducer.class);
    private static final long ACK_TIMEOUT_SECONDS = 60;

    private final KafkaProducer<byte[], byte[]> producer;
    private final Topics topics;
    private final JobCodec codec;

    WorkerProducer(String bootstrapServers, String clientId, Topics topics, JobCodec codec) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.topics = topics;
        this.codec = codec;
    }

    /** Publishes {@code event} and waits until the brokers acknowledged it. */
    void publishAcked(StepEvent event) throws KafkaPublishException {
        await(producer.send(eventRecord(event)), "step event " + event.getClass().getSimpleName());
    }

    /** Publishes {@code event} without waiting: output lines and heartbeats, where a loss costs little. */
    void publish(StepEvent event) {
        producer.send(eventRecord(event), (metadata, failure) -> {
            if (failure != null) {
                LOG.warn("could not publish {} event: {}", event.getClass().getSimpleName(), failure.getMessage());
            }
        });
    }

    /** Publishes {@code job} on the steps topic, keyed by its parent chain, and waits for the acknowledgement. */
    void publishJobAcked(StepJob job) throws KafkaPublishException {
        await(producer.send(new ProducerRecord<>(topics.steps(), utf8(job.chainId()), codec.encode(job))),
                "step job " + job.step());
    }

    /** Sends an undecodable record to the dead-letter topic with where it came from and why it was refused. */
    void deadLetter(ConsumerRecord<byte[], byte[]> record, String error) throws KafkaPublishException {
        RecordHeaders headers = new RecordHeaders();
        headers.add(HEADER_SOURCE_TOPIC, utf8(record.topic()));
        headers.add(HEADER_SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(HEADER_SOURCE_OFFSET, utf8(Long.toString(record.offset())));
        headers.add(HEADER_ERROR, utf8(error));
        await(producer.send(new ProducerRecord<>(topics.deadLetter(), null, record.key(), record.value(), headers)),
                "dead letter from " + record.topic() + "-" + record.partition() + "@" + record.offset());
    }

    private ProducerRecord<byte[], byte[]> eventRecord(StepEvent event) {
        return new ProducerRecord<>(topics.events(), utf8(event.orderingKey()), codec.encode(event));
    }

    private static void await(Future<?> sent, String what) throws KafkaPublishException {
        try {
            sent.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new KafkaPublishException("could not publish " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaPublishException("could not publish " + what + ": no acknowledgement within "
                    + ACK_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaPublishException("could not publish " + what + ": interrupted", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    void close(Duration timeout) {
        producer.close(timeout);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
