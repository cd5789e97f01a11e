package dev.shipyard.coordinator.build;

import dev.shipyard.cache.image.ImageStore;
import dev.shipyard.coordinator.state.BuildEvent;
import dev.shipyard.coordinator.state.BuildRecord;
import dev.shipyard.coordinator.state.BuildState;
import dev.shipyard.coordinator.state.StepRecord;
import dev.shipyard.coordinator.state.StepState;
import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.History;
import dev.shipyard.oci.ImageConfig;
import dev.shipyard.oci.MediaTypes;
import dev.shipyard.oci.Platform;
import dev.shipyard.oci.archive.ArchiveImage;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process runner for tests: "executes" each step by reporting it running, one line of output and done,
 * then stores a one-layer image (a real tar with one file) in the image store and reports the build done.
 * A step whose instruction contains {@code exit 1} fails the build. While {@link #hold} is on, builds wait before
 * their first step until cancelled or {@link #release}d.
 */
public final class FakeBuildRunner implements BuildRunner, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FakeBuildRunner.class);

    private final ImageStore images;
    private final Clock clock;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> started = new ConcurrentHashMap<>();
    private volatile boolean hold;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    public FakeBuildRunner(ImageStore images, Clock clock) {
        this.images = images;
        this.clock = clock;
    }

    /** Makes builds started from now on wait before their first step. */
    public void hold() {
        gate = new CountDownLatch(1);
        hold = true;
    }

    /** Lets held builds go on. */
    public void release() {
        hold = false;
        gate.countDown();
    }

    public boolean wasCancelled(String buildId) {
        return cancelled.contains(buildId);
    }

    public boolean wasStarted(String buildId) {
        return started.containsKey(buildId);
    }

    @Override
    public void start(BuildRecord build, BuildEvents events) {
        started.put(build.id(), true);
        CountDownLatch waitFor = hold ? gate : new CountDownLatch(0);
        threads.execute(() -> {
            try {
                run(build, events, waitFor);
            } catch (Exception e) {
                log.error("fake build {} broke", build.id(), e);
                events.emit(new BuildEvent.StateChanged(build.id(), BuildState.FAILED, e.toString(), null, now()));
            }
        });
    }

    @Override
    public void cancel(String buildId) {
        cancelled.add(buildId);
    }

    private void run(BuildRecord build, BuildEvents events, CountDownLatch waitFor) throws Exception {
        String id = build.id();
        events.emit(new BuildEvent.StateChanged(id, BuildState.RUNNING, null, null, now()));
        while (!waitFor.await(20, TimeUnit.MILLISECONDS)) {
            if (cancelled.contains(id)) {
                return;
            }
        }
        for (StepRecord step : build.steps()) {
            if (cancelled.contains(id)) {
                return;
            }
            events.emit(new BuildEvent.StepChanged(id, step.id(), StepState.RUNNING, "fake-worker", null, null, null,
                    now()));
            events.emit(new BuildEvent.StepOutput(id, step.id(), "stdout", "ran " + step.instruction() + "\n", now()));
            String key = Digest.sha256(step.id() + step.instruction()).toString();
            if (step.instruction().contains("exit 1")) {
                events.emit(new BuildEvent.StepChanged(id, step.id(), StepState.FAILED, "fake-worker", key, null,
                        "exit code 1", now()));
                events.emit(new BuildEvent.StateChanged(id, BuildState.FAILED, "step " + step.id() + " failed: exit "
                        + "code 1", null, now()));
                return;
            }
            events.emit(new BuildEvent.StepChanged(id, step.id(), StepState.DONE, "fake-worker", key,
                    Digest.sha256(key).toString(), null, now()));
        }
        ArchiveImage image = storeImage(build);
        events.emit(new BuildEvent.StateChanged(id, BuildState.DONE, null, image.manifest().digest().toString(),
                now()));
    }

    private ArchiveImage storeImage(BuildRecord build) throws Exception {
        byte[] layer = TestTars.tar(Map.of("hello.txt", ("built by " + build.id() + "\n").getBytes()));
        Digest digest = Digest.sha256(layer);
        images.blobs().put(digest, new ByteArrayInputStream(layer), layer.length);
        ImageConfig config = ImageConfig.scratch(Platform.parse("linux/amd64"))
                .addLayer(digest, History.of(Instant.ofEpochSecond(0), "fake step"));
        List<String> names = build.request().tags().isEmpty() ? List.of("shipyard/" + build.id() + ":latest")
                : build.request().tags();
        return images.put(ArchiveImage.of(names, config,
                List.of(new Descriptor(MediaTypes.OCI_LAYER, digest, layer.length))));
    }

    private long now() {
        return clock.millis();
    }

    @Override
    public void close() {
        release();
        threads.shutdownNow();
    }
}
