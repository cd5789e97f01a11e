package dev.shipyard.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real Kafka broker in a child JVM: topics, produce, consume, commit, restart, crash, two at once. */
class EmbeddedKafkaIT {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaIT.class);

    @TempDir
    static Path sharedDir;

    // Shared by the tests of this class to keep them fast; tests that restart it put the new one here.
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start(sharedDir, 0);
        LOG.info("cold start: {} ms", kafka.startupTime().toMillis());
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void start_freshDirectory_listensOnLoopbackAndLogsToFile() throws Exception {
        assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
        assertThat(kafka.isRunning()).isTrue();
        try (Admin admin = admin(kafka)) {
            assertThat(admin.describeCluster().clusterId().get()).isEqualTo(kafka.clusterId());
            assertThat(admin.describeCluster().nodes().get()).singleElement()
                    .satisfies(node -> assertThat(node.host()).isEqualTo("127.0.0.1"));
        }
        assertThat(Files.readString(sharedDir.resolve("cluster.id")).strip()).isEqualTo(kafka.clusterId());
        assertThat(kafka.logFile()).isRegularFile();
        assertThat(kafka.logTail(500)).anyMatch(line -> line.contains("Kafka Server started"));
    }

    @Test
    void createTopic_sixPartitions_describedWithSixPartitions() throws Exception {
        try (Admin admin = admin(kafka)) {
            admin.createTopics(List.of(new NewTopic("six", 6, (short) 1))).all().get();
            TopicDescription description = admin.describeTopics(List.of("six")).allTopicNames().get().get("six");
            assertThat(description.partitions()).hasSize(6);
        }
    }

    @Test
    void send_unknownTopic_failsWithoutCreatingIt() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000"), new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("never-created", "k", "v")).get())
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class)
                    .hasMessageContaining("not present in metadata");
        }
        try (Admin admin = admin(kafka)) {
            assertThat(admin.listTopics().names().get()).doesNotContain("never-created");
        }
    }

    @Test
    void restart_sameDirectory_keepsRecordsAndCommittedOffsets() throws Exception {
        createTopic(kafka, "jobs", 6);
        produce(kafka, "jobs", 0, 60);
        List<ConsumerRecord<String, String>> first = consumeAndCommit(kafka, "jobs", "workers", 60);
        assertThat(first).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(values(0, 60));
        String clusterId = kafka.clusterId();

        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();
        kafka = EmbeddedKafka.start(sharedDir, 0);
        LOG.info("restart after stop: {} ms", kafka.startupTime().toMillis());

        assertThat(kafka.clusterId()).isEqualTo(clusterId);
        assertThat(committedTotal(kafka, "workers", "jobs", 6)).isEqualTo(60);
        produce(kafka, "jobs", 60, 90);
        // The same group resumes after its committed offsets: only the new records arrive.
        assertThat(consumeAndCommit(kafka, "jobs", "workers", 30)).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrderElementsOf(values(60, 90));
        // A new group from the beginning sees everything written before and after the restart.
        assertThat(consumeAndCommit(kafka, "jobs", "auditors", 90)).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrderElementsOf(values(0, 90));
    }

    @Test
    void kill_thenRestart_recoversRecordsAndOffsets() throws Exception {
        createTopic(kafka, "events", 3);
        produce(kafka, "events", 0, 30);
        consumeAndCommit(kafka, "events", "loggers", 30);

        kafka.kill();
        assertThat(kafka.isRunning()).isFalse();
        kafka = EmbeddedKafka.start(sharedDir, 0);
        LOG.info("restart after kill: {} ms", kafka.startupTime().toMillis());

        assertThat(committedTotal(kafka, "loggers", "events", 3)).isEqualTo(30);
        assertThat(consumeAndCommit(kafka, "events", "replayers", 30)).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrderElementsOf(values(0, 30));
    }

    @Test
    void start_twoDirectories_runTwoIndependentBrokers(@TempDir Path otherDir) throws Exception {
        try (EmbeddedKafka other = EmbeddedKafka.start(otherDir, 0)) {
            assertThat(other.bootstrapServers()).isNotEqualTo(kafka.bootstrapServers());
            assertThat(other.clusterId()).isNotEqualTo(kafka.clusterId());
            createTopic(other, "only-here", 2);
            produce(other, "only-here", 0, 10);
            assertThat(consumeAndCommit(other, "only-here", "g", 10)).hasSize(10);
            try (Admin admin = admin(kafka)) {
                assertThat(admin.listTopics().names().get()).doesNotContain("only-here");
            }
        }
    }

    @Test
    void start_portInUse_failsWithBrokerLogTail(@TempDir Path dir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> EmbeddedKafka.start(dir, taken.getLocalPort(), Duration.ofSeconds(60)))
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining("could not start Kafka broker in " + dir)
                    .hasMessageContaining("exited with status")
                    .hasMessageContaining("Address already in use");
        }
    }

    private static Admin admin(EmbeddedKafka broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static void createTopic(EmbeddedKafka broker, String topic, int partitions) throws Exception {
        try (Admin admin = admin(broker)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    private static List<String> values(int from, int to) {
        List<String> values = new ArrayList<>();
        for (int i = from; i < to; i++) {
            values.add("record-" + i);
        }
        return values;
    }

    private static void produce(EmbeddedKafka broker, String topic, int from, int to) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (String value : values(from, to)) {
                producer.send(new ProducerRecord<>(topic, value, value));
            }
            producer.flush();
        }
    }

    private static KafkaConsumer<String, String> consumer(EmbeddedKafka broker, String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer());
    }

    /** Polls until {@code expected} records arrived, then commits them synchronously. */
    private static List<ConsumerRecord<String, String>> consumeAndCommit(EmbeddedKafka broker, String topic,
            String group, int expected) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(broker, group)) {
            consumer.subscribe(List.of(topic));
            // The consumer is single-threaded: poll it on the test thread.
            await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.size() >= expected;
            });
            consumer.commitSync();
        }
        return received;
    }

    private static long committedTotal(EmbeddedKafka broker, String group, String topic, int partitions)
            throws Exception {
        try (Admin admin = admin(broker)) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Set<TopicPartition> expected = new HashSet<>();
            for (int p = 0; p < partitions; p++) {
                expected.add(new TopicPartition(topic, p));
            }
            assertThat(offsets.keySet()).isEqualTo(expected);
            return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }
}
