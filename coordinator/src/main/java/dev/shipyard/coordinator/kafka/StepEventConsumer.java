package dev.shipyard.coordinator.kafka;

import dev.shipyard.protocol.jobs.JobCodec;
import dev.shipyard.protocol.jobs.MalformedMessageException;
import dev.shipyard.protocol.jobs.StepEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes step events as a member of the coordinators' group and hands each to a listener, on one thread.
 * Workers key events by build id, so one build's events arrive in order at one coordinator. Offsets are
 * committed after the listener returned (at-least-once). A record that cannot be decoded is logged,
 * counted ({@code shipyard.kafka.malformed}), copied to the dead-letter topic and skipped; a listener that
 * throws is logged and counted ({@code shipyard.coordinator.events.failed}); neither stops the consumer.
 */
public final class StepEventConsumer implements AutoCloseable {
    static final String HEADER_SOURCE = "shipyard.source";
    static final String HEADER_ERROR = "shipyard.error";
    private static final Logger LOG = LoggerFactory.getLogger(StepEventConsumer.class);

    private final CoordinatorKafkaConfig config;
    private final StepEventListener listener;
    private final JobCodec codec = new JobCodec();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> deadLetters;
    private final Counter malformed;
    private final Counter failed;
    private final Thread thread;
    private volatile boolean stopped;

    public StepEventConsumer(CoordinatorKafkaConfig config, StepEventListener listener, MeterRegistry meters) {
        this.config = config;
        this.listener = listener;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
                ConsumerConfig.CLIENT_ID_CONFIG, config.clientId() + "-events",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.deadLetters = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, config.clientId() + "-dead-letters",
                ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.malformed = Counter.builder("shipyard.kafka.malformed").tag("topic", config.topics().events())
                .register(meters);
        this.failed = Counter.builder("shipyard.coordinator.events.failed").register(meters);
        this.thread = new Thread(this::run, config.clientId() + "-events");
    }

    /** Joins the group and starts handing events to the listener. */
    public void start() {
        thread.start();
    }

    private void run() {
        consumer.subscribe(List.of(config.topics().events()));
        try {
            while (!stopped) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                records.forEach(this::handle);
                if (!records.isEmpty()) {
                    commit();
                }
            }
        } catch (WakeupException e) {
            if (!stopped) {
                LOG.error("step event consumer woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("step event consumer stopped: {}", e.getMessage(), e);
        } finally {
            commit();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        StepEvent event;
        try {
            event = codec.decodeEvent(record.value());
        } catch (MalformedMessageException e) {
            skip(record, e);
            return;
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            failed.increment();
            LOG.error("could not handle step event {} from {}-{}@{}: {}", event, record.topic(), record.partition(),
                    record.offset(), e.getMessage(), e);
        }
    }

    private void commit() {
        try {
            consumer.commitSync();
        } catch (KafkaException e) {
            LOG.warn("could not commit step event offsets: {}; some events may be handled again", e.getMessage());
        }
    }

    private void skip(ConsumerRecord<byte[], byte[]> record, MalformedMessageException error) {
        String source = record.topic() + "-" + record.partition() + "@" + record.offset();
        LOG.warn("skipped malformed step event {}: {}", source, error.getMessage());
        malformed.increment();
        RecordHeaders headers = new RecordHeaders();
        headers.add(HEADER_SOURCE, source.getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_ERROR, error.getMessage().getBytes(StandardCharsets.UTF_8));
        try {
            deadLetters.send(new ProducerRecord<>(config.topics().deadLetter(), null, record.key(), record.value(),
                    headers)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.error("could not copy step event {} to the dead letters: {}; it is skipped all the same", source,
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops consuming after the current batch, commits it and leaves the group. */
    @Override
    public void close() {
        stopped = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deadLetters.close(Duration.ofSeconds(5));
    }
}
