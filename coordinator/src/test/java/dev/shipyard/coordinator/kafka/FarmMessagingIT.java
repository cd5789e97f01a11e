package dev.shipyard.coordinator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.shipyard.cache.blob.local.LocalBlobStore;
import dev.shipyard.cache.blob.local.LocalConfig;
import dev.shipyard.cache.index.CacheMetrics;
import dev.shipyard.cache.index.CacheNamespace;
import dev.shipyard.cache.index.LayerRecord;
import dev.shipyard.cache.index.hazelcast.HazelcastCacheIndex;
import dev.shipyard.cache.index.hazelcast.HazelcastMembers;
import dev.shipyard.cachekey.CacheKey;
import dev.shipyard.config.Settings;
import dev.shipyard.embedded.kafka.EmbeddedKafka;
import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.protocol.jobs.LayerResult;
import dev.shipyard.protocol.jobs.ParentLayer;
import dev.shipyard.protocol.jobs.StepEnvironment;
import dev.shipyard.protocol.jobs.StepEvent;
import dev.shipyard.protocol.jobs.StepInputs;
import dev.shipyard.protocol.jobs.StepInstruction;
import dev.shipyard.protocol.jobs.StepJob;
import dev.shipyard.protocol.jobs.StepLimits;
import dev.shipyard.protocol.jobs.StepRef;
import dev.shipyard.worker.jobs.StepExecutor;
import dev.shipyard.worker.jobs.StepOutcome;
import dev.shipyard.worker.kafka.StepJobConsumer;
import dev.shipyard.worker.kafka.WorkerKafkaConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path of a step through Kafka: the coordinator publishes jobs, two workers of one group execute
 * them against a real cache index, and the coordinator consumes their events.
 */
class FarmMessagingIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    static Path dir;
    private static EmbeddedKafka kafka;
    private static HazelcastInstance hazelcast;
    private static LocalBlobStore store;
    private static HazelcastCacheIndex index;

    @BeforeAll
    static void startParts() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        int port = HazelcastMembers.freePort();
        hazelcast = Hazelcast.newHazelcastInstance(HazelcastMembers.loopbackConfig("farm-messaging-it", port,
                List.of(port), Duration.ofSeconds(10)));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        store = new LocalBlobStore(new LocalConfig(dir.resolve("blobs"), 1L << 30), registry);
        index = new HazelcastCacheIndex(hazelcast, store, Clock.systemUTC(), new CacheMetrics(registry));
    }

    @AfterAll
    static void stopParts() {
        if (hazelcast != null) {
            hazelcast.shutdown();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void build_jobsThroughTwoWorkers_coordinatorSeesEveryStepFinishedOnceThenCached() throws Exception {
        Settings settings = Settings.of(Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                "kafka.topics.steps.partitions", "4", "coordinator.id", "c-1", "worker.slots", "2",
                "worker.heartbeat.interval", "500ms", "worker.shutdown.grace", "5s"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            KafkaTopics.ensure(admin, settings);
        }
        AtomicInteger executions = new AtomicInteger();
        StepExecutor executor = (job, sink, cancel) -> {
            executions.incrementAndGet();
            return build(job);
        };
        List<StepEvent> events = new CopyOnWriteArrayList<>();
        try (StepJobPublisher publisher = new StepJobPublisher(CoordinatorKafkaConfig.from(settings));
             StepEventConsumer coordinator = new StepEventConsumer(CoordinatorKafkaConfig.from(settings), events::add,
                     new SimpleMeterRegistry());
             StepJobConsumer first = worker(settings, "w-1", executor);
             StepJobConsumer second = worker(settings, "w-2", executor)) {
            coordinator.start();
            await().atMost(WAIT).until(() -> first.assignedPartitions() > 0 && second.assignedPartitions() > 0);

            for (int i = 0; i < 10; i++) {
                publisher.publish(job("s-" + i)).get(30, TimeUnit.SECONDS);
            }
            await().atMost(WAIT).until(() -> finished(events).size() == 10);
            publisher.publish(job("s-0")).get(30, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> finished(events).size() == 11);
        }

        List<StepEvent.Finished> finished = finished(events);
        assertThat(finished.subList(0, 10)).extracting(f -> f.step().stepId()).doesNotHaveDuplicates();
        assertThat(finished.subList(0, 10).stream().map(StepEvent.Finished::worker).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("w-1", "w-2");
        assertThat(finished.get(10).cached()).isTrue();
        assertThat(executions.get()).isEqualTo(10);
        assertThat(events).filteredOn(StepEvent.Heartbeat.class::isInstance).isNotEmpty();
    }

    private static List<StepEvent.Finished> finished(List<StepEvent> events) {
        return events.stream().filter(StepEvent.Finished.class::isInstance).map(StepEvent.Finished.class::cast).toList();
    }

    private static StepJobConsumer worker(Settings settings, String id, StepExecutor executor) {
        StepJobConsumer worker = new StepJobConsumer(WorkerKafkaConfig.from(settings.with(Map.of("worker.id", id))),
                executor, index, new SimpleMeterRegistry(), Clock.systemUTC());
        worker.start();
        return worker;
    }

    private static StepOutcome build(StepJob job) throws Exception {
        byte[] blob = ("layer of " + job.cacheKey()).getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(blob);
        store.put(digest, new ByteArrayInputStream(blob), blob.length);
        LayerRecord record = index.publish(CacheNamespace.of(job.cacheNamespace()), job.cacheKey(),
                LayerRecord.of(digest, Digest.sha256("tar of " + job.cacheKey()), blob.length,
                        "application/vnd.oci.image.layer.v1.tar+gzip", Instant.now()));
        return StepOutcome.built(new LayerResult(record.digest(), record.diffId(), record.size(), record.mediaType()));
    }

    private static StepJob job(String stepId) {
        ParentLayer parent = new ParentLayer(new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip",
                Digest.sha256("blob " + stepId), 10), Digest.sha256("chain " + stepId));
        return new StepJob(new StepRef("b-1", stepId, 1), "team-a", new CacheKey(Digest.sha256("key " + stepId)),
                List.of(parent), new StepInstruction("RUN", JsonNodeFactory.instance.textNode("make " + stepId)),
                StepEnvironment.defaults(), StepInputs.none(), new StepLimits(Duration.ofMinutes(1), 0, 0),
                Instant.now().plus(Duration.ofHours(1)));
    }
}
