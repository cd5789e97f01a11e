package dev.shipyard.worker.kafka;

import dev.shipyard.protocol.jobs.CancelStep;
import dev.shipyard.protocol.jobs.JobCodec;
import dev.shipyard.protocol.jobs.MalformedMessageException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every control message published after it started, outside any consumer group: every worker must see
 * every cancellation, as only the worker running the step can act on it.
 */
final class ControlListener implements Runnable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final JobCodec codec;
    private final Consumer<CancelStep> onCancel;
    private final MalformedRecords malformed;
    private volatile boolean stopped;

    ControlListener(String bootstrapServers, String clientId, String topic, JobCodec codec,
            Consumer<CancelStep> onCancel, MalformedRecords malformed) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.codec = codec;
        this.onCancel = onCancel;
        this.malformed = malformed;
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (partitions == null || partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("could not listen for cancellations: control topic '" + topic
                    + "' does not exist; create the farm's topics first (the coordinator does on start)");
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToEnd(assigned);
        // Resolve the end offsets now: a cancel sent once start() returned must be seen.
        assigned.forEach(consumer::position);
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    handle(record);
                }
            }
        } catch (WakeupException e) {
            if (!stopped) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        try {
            onCancel.accept(codec.decodeControl(record.value()));
        } catch (MalformedMessageException e) {
            malformed.skip(record, e);
        }
    }

    void stop() {
        stopped = true;
        consumer.wakeup();
    }
}
