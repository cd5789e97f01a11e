package dev.shipyard.worker.kafka;

import dev.shipyard.protocol.jobs.CancelStep;
import dev.shipyard.protocol.jobs.JobCodec;
import dev.shipyard.protocol.jobs.StepJob;
import dev.shipyard.protocol.jobs.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Creates a test's topics and publishes to them as the coordinator would. */
final class KafkaTestSupport implements AutoCloseable {
    static final int STEP_PARTITIONS = 4;

    private final String bootstrapServers;
    private final Topics topics;
    private final KafkaProducer<byte[], byte[]> producer;
    private final JobCodec codec = new JobCodec();

    KafkaTestSupport(String bootstrapServers, Topics topics) throws ExecutionException, InterruptedException {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topics.steps(), STEP_PARTITIONS, (short) 1),
                    new NewTopic(topics.events(), 2, (short) 1), new NewTopic(topics.control(), 1, (short) 1),
                    new NewTopic(topics.deadLetter(), 1, (short) 1))).all().get();
        }
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    void publishJob(StepJob job) throws Exception {
        publish(topics.steps(), job.chainId(), codec.encode(job));
    }

    void publishCancel(CancelStep cancel) throws Exception {
        publish(topics.control(), cancel.buildId(), codec.encode(cancel));
    }

    void publish(String topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
    }

    TopicReader reader(String topic) {
        return new TopicReader(bootstrapServers, topic);
    }

    Topics topics() {
        return topics;
    }

    WorkerKafkaConfig config(String workerId, int slots, Duration grace, int maxAttempts) {
        return new WorkerKafkaConfig(bootstrapServers, topics.steps() + "-workers", workerId, slots,
                Duration.ofMillis(500), grace, maxAttempts, topics);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
