package dev.shipyard.protocol.jobs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipyard.cachekey.CacheKey;
import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The messages the golden files under {@code jobs/} hold. */
final class Samples {
    static final Instant AT = Instant.parse("2026-03-01T12:00:00.250Z");
    static final String GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    static final StepRef STEP = new StepRef("b-42", "s-3", 2);

    private Samples() {
    }

    static ParentLayer layer(String name) {
        return new ParentLayer(new Descriptor(GZIP, Digest.sha256(name + ".tgz"), 1234), Digest.sha256(name + ".tar"));
    }

    static StepJob runJob() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.putArray("command").add("make").add("all");
        tree.put("shellForm", true);
        return new StepJob(STEP, "team-a", new CacheKey(Digest.sha256("key")), List.of(layer("base"), layer("deps")),
                new StepInstruction("RUN", tree),
                new StepEnvironment(List.of("PATH=/usr/bin:/bin", "CC=gcc"), "build", "/src", List.of("/bin/sh", "-c"),
                        "none", List.of(new StepMount("cache", "/root/.cache", Map.of("id", "go", "sharing", "locked")))),
                StepInputs.none(), new StepLimits(Duration.ofMinutes(30), 2L << 30, 512),
                Instant.parse("2026-03-01T13:00:00Z"));
    }

    static StepJob copyJob() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.putArray("sources").add("src/");
        tree.put("dest", "/app/");
        return new StepJob(new StepRef("b-42", "s-4", 1), "team-a", new CacheKey(Digest.sha256("copy")), List.of(),
                new StepInstruction("COPY", tree), StepEnvironment.defaults(),
                new StepInputs(Optional.of(Digest.sha256("context")), List.of("src/main.c", "src/util.c"),
                        List.of(new StageOutput("builder", List.of(layer("builder"))))),
                new StepLimits(Duration.ofMinutes(5), 0, 0), Instant.parse("2026-03-01T13:00:00Z"));
    }

    static LayerResult result() {
        return new LayerResult(Digest.sha256("out.tgz"), Digest.sha256("out.tar"), 4096, GZIP);
    }

    static Map<String, Object> golden() {
        return Map.of(
                "step-job-run.json", runJob(),
                "step-job-copy.json", copyJob(),
                "event-started.json", new StepEvent.Started(STEP, "worker-1", AT),
                "event-output.json", new StepEvent.Output(STEP, OutputStream.STDERR, "cc -c main.c", 7, AT),
                "event-finished.json", new StepEvent.Finished(STEP, "worker-1", result(), false, AT),
                "event-finished-cached.json", new StepEvent.Finished(STEP, "worker-2", result(), true, AT),
                "event-failed.json", new StepEvent.Failed(STEP, "worker-1", FailureKind.USER,
                        "RUN make all: exit status 2", List.of("make: *** [all] Error 1"), AT),
                "event-heartbeat.json", new StepEvent.Heartbeat("worker-1", List.of(STEP), AT),
                "control-cancel-step.json", new CancelStep("b-42", "s-3"));
    }
}
