package dev.shipyard.loadtest.bench;

import dev.shipyard.cache.blob.local.LocalBlobStore;
import dev.shipyard.cache.blob.local.LocalConfig;
import dev.shipyard.config.ShipyardHome;
import dev.shipyard.dockerfile.instructions.Dockerfile;
import dev.shipyard.graph.BuildGraph;
import dev.shipyard.graph.BuildOptions;
import dev.shipyard.oci.History;
import dev.shipyard.oci.ImageConfig;
import dev.shipyard.oci.Platform;
import dev.shipyard.oci.archive.ArchiveImage;
import dev.shipyard.worker.engine.BuildProgress;
import dev.shipyard.worker.engine.EngineOptions;
import dev.shipyard.worker.engine.LocalEngine;
import dev.shipyard.worker.layer.FileLayer;
import dev.shipyard.worker.layer.LayerOptions;
import dev.shipyard.worker.layer.LayerWriter;
import dev.shipyard.worker.sandbox.linux.BuiltinRuntime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Overhead of one RUN step in the local engine, from the step's start to its committed result: cache-key
 * derivation, OverlayFS mount, sandbox start and exit, layer diff, blob store and cache record. Measures
 * {@code RUN true} (no change, no layer) and {@code RUN touch /f} (a one-file layer), cache off, and the same
 * steps as cache hits. Needs root and /bin/busybox (Debian busybox-static).
 *
 * <pre>
 * mvn -B -q -pl load-tests -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=/tmp/cp.txt
 * java -cp "load-tests/target/classes:$(cat /tmp/cp.txt)" \
 *     dev.shipyard.loadtest.bench.StepOverheadBench 50 /var/tmp/step-bench
 * </pre>
 */
public final class StepOverheadBench {

    private StepOverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path work = args.length > 1 ? Files.createDirectories(Path.of(args[1])) : Files.createTempDirectory("step-bench");
        ShipyardHome home = new ShipyardHome(work.resolve("home"));
        LocalBlobStore blobs = new LocalBlobStore(new LocalConfig(home.blobs(), LocalConfig.DEFAULT_MAX_BYTES),
                new SimpleMeterRegistry());
        ArchiveImage busybox = busybox(blobs, work);
        LocalEngine engine = LocalEngine.open(home, blobs, (ref, platform) -> Optional.of(busybox), new BuiltinRuntime());
        System.out.println("step overhead, " + runs + " runs each (after 3 warm-up builds):");
        for (String run : List.of("RUN true", "RUN touch /f")) {
            BuildGraph graph = BuildGraph.plan(Dockerfile.parse("Dockerfile",
                    ("FROM busybox\n" + run + "\n").getBytes(StandardCharsets.UTF_8)), BuildOptions.defaults());
            System.out.println(row(run + " (executed)", measure(engine, graph, work, true, runs)));
            System.out.println(row(run + " (cache hit)", measure(engine, graph, work, false, runs)));
        }
    }

    private static List<Duration> measure(LocalEngine engine, BuildGraph graph, Path context, boolean noCache,
                                          int runs) throws Exception {
        EngineOptions options = EngineOptions.defaults().withNoCache(noCache);
        List<Duration> times = new ArrayList<>();
        for (int i = 0; i < runs + 3; i++) {
            StepTimer timer = new StepTimer();
            engine.build(graph, context, options, timer);
            if (i >= 3) {
                times.add(timer.last);
            }
        }
        return times;
    }

    private static String row(String name, List<Duration> times) {
        List<Long> micros = times.stream().map(d -> d.toNanos() / 1000).sorted().toList();
        long median = micros.get(micros.size() / 2);
        long p95 = micros.get(Math.min(micros.size() - 1, (int) Math.ceil(micros.size() * 0.95) - 1));
        return String.format(Locale.ROOT, "  %-26s median %7.2f ms   p95 %7.2f ms", name, median / 1000.0, p95 / 1000.0);
    }

    /** Keeps the time of the last step (the RUN), from its start to its committed result or cache hit. */
    private static final class StepTimer implements BuildProgress {
        private final java.util.Map<Integer, Long> started = new java.util.concurrent.ConcurrentHashMap<>();
        private Duration last = Duration.ZERO;

        @Override
        public void started(int id, String title) {
            started.put(id, System.nanoTime());
        }

        @Override
        public void output(int id, Duration elapsed, String line) {
        }

        @Override
        public void cached(int id) {
            last = Duration.ofNanos(System.nanoTime() - started.get(id));
        }

        @Override
        public void done(int id, Duration elapsed) {
            last = elapsed;
        }

        @Override
        public void failed(int id, Duration elapsed, String message) {
            throw new IllegalStateException("step failed: " + message);
        }
    }

    private static ArchiveImage busybox(LocalBlobStore blobs, Path work) throws Exception {
        Path root = Files.createDirectories(work.resolve("busybox-rootfs"));
        for (String dir : List.of("bin", "etc", "tmp", "proc", "sys", "dev")) {
            Files.createDirectories(root.resolve(dir));
        }
        if (!Files.exists(root.resolve("bin/busybox"))) {
            Files.copy(Path.of("/bin/busybox"), root.resolve("bin/busybox"));
            for (String applet : List.of("sh", "true", "touch")) {
                Files.createSymbolicLink(root.resolve("bin").resolve(applet), Path.of("busybox"));
            }
            Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        }
        Path blob = work.resolve("busybox.tar.gz");
        FileLayer layer = new LayerWriter(LayerOptions.defaults()).writeDirectory(root, blob);
        try (InputStream in = Files.newInputStream(blob)) {
            blobs.put(layer.digest(), in, layer.size());
        }
        ImageConfig config = ImageConfig.scratch(Platform.current())
                .addLayer(layer.diffId(), History.of(Instant.EPOCH, "busybox-static"));
        return ArchiveImage.of(List.of("busybox:latest"), config, List.of(layer.descriptor()));
    }
}
