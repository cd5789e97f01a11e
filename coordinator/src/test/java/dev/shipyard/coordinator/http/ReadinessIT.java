package dev.shipyard.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code /readyz} follows Hazelcast: ready while the member answers, 503 once it is gone. */
@Timeout(120)
class ReadinessIT {
    @TempDir
    Path dir;

    @Test
    void readyz_hazelcastGone_is503() throws Exception {
        HazelcastInstance member = HazelcastMembers.startLoopbackCluster("shipyard-ready-" + UUID.randomUUID(), 1,
                Duration.ofSeconds(4)).get(0);
        LocalBlobStore blobs = new LocalBlobStore(new LocalConfig(dir.resolve("blobs"), 1L << 20),
                new SimpleMeterRegistry());
        Vertx vertx = Vertx.vertx();
        try (FakeBuildRunner runner = new FakeBuildRunner(ImageStore.open(dir.resolve("images"), blobs),
                Clock.systemUTC())) {
            BuildService service = new BuildService(BuildStore.on(member, 100), blobs, runner, Clock.systemUTC());
            CoordinatorVerticle verticle = new CoordinatorVerticle(service,
                    new CoordinatorConfig("127.0.0.1", 0, 1 << 20, dir.resolve("spool"), 8192),
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
            vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest readyz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + verticle.port() + "/readyz"))
                    .timeout(Duration.ofSeconds(30)).build();
            assertThat(http.send(readyz, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            member.getLifecycleService().terminate();

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> http.send(readyz, HttpResponse.BodyHandlers.ofString()).statusCode() == 503);
            HttpResponse<String> notReady = http.send(readyz, HttpResponse.BodyHandlers.ofString());
            assertThat(new ObjectMapper().readTree(notReady.body()).get("error").asText()).startsWith("not ready: ");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
