package dev.shipyard.coordinator.http;

import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import dev.shipyard.cache.blob.BlobStore;
import dev.shipyard.cache.blob.local.LocalBlobStore;
import dev.shipyard.cache.blob.local.LocalConfig;
import dev.shipyard.cache.image.ImageStore;
import dev.shipyard.cache.index.hazelcast.HazelcastMembers;
import dev.shipyard.coordinator.build.BuildService;
import dev.shipyard.coordinator.build.FakeBuildRunner;
import dev.shipyard.coordinator.state.BuildStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Two coordinators for tests, each a verticle with its own real Hazelcast member of one loopback cluster, sharing
 * one local blob store (standing in for the farm's S3) and fed by in-process fake runners.
 */
final class Farm implements AutoCloseable {
    static final int EVENT_CAPACITY = 10_000;

    final List<HazelcastInstance> members;
    final BlobStore blobs;
    final ImageStore images;
    final FakeBuildRunner runner;
    final List<CoordinatorVerticle> coordinators = new ArrayList<>();
    final Vertx vertx = Vertx.vertx();
    private final List<FakeBuildRunner> runners = new ArrayList<>();

    Farm(Path dir, long maxContextBytes) throws Exception {
        members = HazelcastMembers.startLoopbackCluster("shipyard-coordinator-" + UUID.randomUUID(), 2,
                Duration.ofSeconds(4));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> members.stream().allMatch(m -> m.getCluster().getMembers().size() == 2));
        blobs = new LocalBlobStore(new LocalConfig(dir.resolve("blobs"), 1L << 30), new SimpleMeterRegistry());
        images = ImageStore.open(dir.resolve("images"), blobs);
        runner = new FakeBuildRunner(images, Clock.systemUTC());
        runners.add(runner);
        runners.add(new FakeBuildRunner(images, Clock.systemUTC()));
        for (int i = 0; i < 2; i++) {
            BuildService service = new BuildService(BuildStore.on(members.get(i), EVENT_CAPACITY), blobs,
                    runners.get(i), Clock.systemUTC());
            CoordinatorConfig config = new CoordinatorConfig("127.0.0.1", 0, maxContextBytes,
                    dir.resolve("spool-" + i), 64 << 10);
            CoordinatorVerticle verticle = new CoordinatorVerticle(service, config,
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
            vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            coordinators.add(verticle);
        }
    }

    /** The base URI of coordinator {@code i}. */
    String base(int i) {
        return "http://127.0.0.1:" + coordinators.get(i).port();
    }

    @Override
    public void close() throws Exception {
        runners.forEach(FakeBuildRunner::close);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        members.forEach(m -> m.getLifecycleService().terminate());
    }
}
