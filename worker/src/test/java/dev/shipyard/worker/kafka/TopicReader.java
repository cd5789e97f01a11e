package dev.shipyard.worker.kafka;

import dev.shipyard.protocol.jobs.JobCodec;
import dev.shipyard.protocol.jobs.StepEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic from its beginning on a background thread, outside any group. */
final class TopicReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<ConsumerRecord<byte[], byte[]>> records = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final JobCodec codec = new JobCodec();
    private volatile boolean stopped;

    TopicReader(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "reader-" + topic);
        thread.start();
    }

    private void run() {
        try {
            while (!stopped) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        } catch (WakeupException e) {
            // expected: close() wakes the poll up
        } finally {
            consumer.close(Duration.ZERO);
        }
    }

    List<ConsumerRecord<byte[], byte[]>> records() {
        return List.copyOf(records);
    }

    /** The step events read so far, heartbeats left out. */
    List<StepEvent.OfStep> stepEvents() {
        return records.stream().map(r -> codec.decodeEvent(r.value()))
                .filter(StepEvent.OfStep.class::isInstance).map(StepEvent.OfStep.class::cast).toList();
    }

    <T extends StepEvent> List<T> events(Class<T> type) {
        return records.stream().map(r -> codec.decodeEvent(r.value())).filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        stopped = true;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
