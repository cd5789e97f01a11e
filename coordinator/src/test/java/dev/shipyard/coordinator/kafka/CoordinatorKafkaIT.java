package dev.shipyard.coordinator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.shipyard.cachekey.CacheKey;
import dev.shipyard.config.Settings;
import dev.shipyard.embedded.kafka.EmbeddedKafka;
import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.protocol.jobs.CancelStep;
import dev.shipyard.protocol.jobs.JobCodec;
import dev.shipyard.protocol.jobs.OutputStream;
import dev.shipyard.protocol.jobs.ParentLayer;
import dev.shipyard.protocol.jobs.StepEnvironment;
import dev.shipyard.protocol.jobs.StepEvent;
import dev.shipyard.protocol.jobs.StepInputs;
import dev.shipyard.protocol.jobs.StepInstruction;
import dev.shipyard.protocol.jobs.StepJob;
import dev.shipyard.protocol.jobs.StepLimits;
import dev.shipyard.protocol.jobs.StepRef;
import dev.shipyard.protocol.jobs.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** Topic setup, job publishing and event consumption against a real KRaft broker. */
class CoordinatorKafkaIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    static Path dir;
    private static EmbeddedKafka kafka;
    private static Admin admin;

    private final JobCodec codec = new JobCodec();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Settings settings;
    private Topics topics;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    static void stopKafka() {
        if (admin != null) {
            admin.close();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    @BeforeEach
    void setUp(TestInfo test) {
        String prefix = "it." + test.getTestMethod().orElseThrow().getName().replace('_', '-').toLowerCase();
        settings = Settings.of(Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                Topics.PREFIX_SETTING, prefix, "coordinator.group", prefix + "-coordinators",
                "coordinator.id", "c-1", "kafka.topics.events.partitions", "3"));
        topics = KafkaTopics.ensure(admin, settings);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        closeables.add(0, closeable);
        return closeable;
    }

    @Test
    void ensure_calledTwice_createsTheFourTopicsOnce() throws Exception {
        assertThat(KafkaTopics.ensure(admin, settings)).isEqualTo(topics);

        Map<String, TopicDescription> described = admin.describeTopics(
                List.of(topics.steps(), topics.events(), topics.control(), topics.deadLetter())).allTopicNames()
                .get(30, TimeUnit.SECONDS);
        assertThat(described.get(topics.steps()).partitions()).hasSize(12);
        assertThat(described.get(topics.events()).partitions()).hasSize(3);
        assertThat(described.get(topics.control()).partitions()).hasSize(1);
        assertThat(described.get(topics.deadLetter()).partitions()).hasSize(1);
    }

    @Test
    void publish_stepsOfOneChain_landOnOnePartitionAndDecode() throws Exception {
        StepJobPublisher publisher = closeLater(new StepJobPublisher(CoordinatorKafkaConfig.from(settings)));
        List<StepJob> jobs = List.of(job("s-1", "chain-a"), job("s-2", "chain-a"), job("s-3", "chain-a"),
                job("s-4", "chain-b"));
        for (StepJob job : jobs) {
            publisher.publish(job).get(30, TimeUnit.SECONDS);
        }

        List<ConsumerRecord<byte[], byte[]>> records = readAll(topics.steps(), 4);
        assertThat(records.stream().map(r -> codec.decodeJob(r.value())).toList()).containsExactlyInAnyOrderElementsOf(jobs);
        assertThat(records.stream().filter(r -> codec.decodeJob(r.value()).chainId().equals(jobs.get(0).chainId()))
                .map(ConsumerRecord::partition).distinct()).hasSize(1);
    }

    @Test
    void cancel_published_reachesTheControlTopic() throws Exception {
        StepJobPublisher publisher = closeLater(new StepJobPublisher(CoordinatorKafkaConfig.from(settings)));
        publisher.cancel(new CancelStep("b-1", "s-9")).get(30, TimeUnit.SECONDS);

        assertThat(codec.decodeControl(readAll(topics.control(), 1).get(0).value()))
                .isEqualTo(new CancelStep("b-1", "s-9"));
    }

    @Test
    void consume_interleavedBuilds_eachBuildInOrderAndMalformedSkipped() throws Exception {
        List<StepEvent> received = new CopyOnWriteArrayList<>();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        closeLater(new StepEventConsumer(CoordinatorKafkaConfig.from(settings), received::add, meters)).start();

        try (KafkaProducer<byte[], byte[]> worker = producer()) {
            for (int seq = 0; seq < 20; seq++) {
                for (String build : List.of("b-1", "b-2", "b-3")) {
                    send(worker, new StepEvent.Output(new StepRef(build, "s-1", 1), OutputStream.STDOUT,
                            "line " + seq, seq, Instant.now()));
                }
                if (seq == 10) {
                    worker.send(new ProducerRecord<>(topics.events(), bytes("b-2"), bytes("<html>oops</html>"))).get();
                }
            }
        }

        await().atMost(WAIT).until(() -> received.size() == 60);
        for (String build : List.of("b-1", "b-2", "b-3")) {
            assertThat(received.stream().map(StepEvent.Output.class::cast).filter(o -> o.step().buildId().equals(build))
                    .map(StepEvent.Output::seq).toList()).isSorted().hasSize(20);
        }
        List<ConsumerRecord<byte[], byte[]>> dead = readAll(topics.deadLetter(), 1);
        assertThat(new String(dead.get(0).headers().lastHeader(StepEventConsumer.HEADER_ERROR).value(),
                StandardCharsets.UTF_8)).startsWith("could not decode step event: not JSON");
        assertThat(meters.counter("shipyard.kafka.malformed", "topic", topics.events()).count()).isEqualTo(1.0);
    }

    @Test
    void consume_listenerThrows_nextEventsStillDelivered() throws Exception {
        List<StepEvent> received = new CopyOnWriteArrayList<>();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        StepEventListener listener = event -> {
            received.add(event);
            if (received.size() == 1) {
                throw new IllegalStateException("bug in the build state");
            }
        };
        closeLater(new StepEventConsumer(CoordinatorKafkaConfig.from(settings), listener, meters)).start();

        try (KafkaProducer<byte[], byte[]> worker = producer()) {
            for (int i = 0; i < 3; i++) {
                send(worker, new StepEvent.Started(new StepRef("b-1", "s-" + i, 1), "w-1", Instant.now()));
            }
        }

        await().atMost(WAIT).until(() -> received.size() == 3);
        assertThat(meters.counter("shipyard.coordinator.events.failed").count()).isEqualTo(1.0);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private void send(KafkaProducer<byte[], byte[]> producer, StepEvent event) throws Exception {
        producer.send(new ProducerRecord<>(topics.events(), bytes(event.orderingKey()), codec.encode(event))).get();
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static StepJob job(String stepId, String chain) {
        ParentLayer parent = new ParentLayer(new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip",
                Digest.sha256("blob " + chain), 10), Digest.sha256(chain));
        return new StepJob(new StepRef("b-1", stepId, 1), "team-a", new CacheKey(Digest.sha256(stepId)), List.of(parent),
                new StepInstruction("RUN", JsonNodeFactory.instance.textNode("echo " + stepId)),
                StepEnvironment.defaults(), StepInputs.none(), new StepLimits(Duration.ofMinutes(1), 0, 0),
                Instant.parse("2030-01-01T00:00:00Z"));
    }
}
