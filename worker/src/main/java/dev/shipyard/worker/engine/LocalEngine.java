package dev.shipyard.worker.engine;

import dev.shipyard.cache.blob.BlobStore;
import dev.shipyard.config.ShipyardHome;
import dev.shipyard.graph.BuildGraph;
import dev.shipyard.graph.StageNode;
import dev.shipyard.oci.ImageConfig;
import dev.shipyard.oci.archive.ArchiveImage;
import dev.shipyard.worker.copy.CopyExecutor;
import dev.shipyard.worker.sandbox.Runtime;
import dev.shipyard.worker.snapshot.ActiveMount;
import dev.shipyard.worker.snapshot.SnapshotStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs a whole build graph in this process: stages in graph order (independent ones in parallel on a small
 * pool), every step through the local cache index, the snapshot store, the sandbox and the copy executor.
 */
public final class LocalEngine {
    private final SnapshotStore snapshots;
    private final BlobStore blobs;
    private final LocalCacheIndex index;
    private final BaseImages images;
    private final Runtime runtime;
    private final Supplier<CopyExecutor> copier;
    private final Path tmp;
    private final Path cacheMounts;

    public LocalEngine(SnapshotStore snapshots, BlobStore blobs, LocalCacheIndex index, BaseImages images,
                       Runtime runtime, Supplier<CopyExecutor> copier, Path tmp, Path cacheMounts) throws IOException {
        this.snapshots = snapshots;
        this.blobs = blobs;
        this.index = index;
        this.images = images;
        this.runtime = runtime;
        this.copier = copier;
        this.tmp = Files.createDirectories(tmp);
        this.cacheMounts = Files.createDirectories(cacheMounts);
    }

    /** An engine over the state of {@code home}: its snapshots, cache index and cache mounts. */
    public static LocalEngine open(ShipyardHome home, BlobStore blobs, BaseImages images, Runtime runtime)
            throws IOException {
        SnapshotStore snapshots = new SnapshotStore(home.snapshots());
        snapshots.recover();
        return new LocalEngine(snapshots, blobs, new LocalCacheIndex(home.cache().resolve("index")), images, runtime,
                lazily(CopyExecutor::new), home.tmp(), home.cache().resolve("mounts"));
    }

    /** The copy executor starts an HTTP client (TLS included); a build whose copies all hit never needs it. */
    private static Supplier<CopyExecutor> lazily(Supplier<CopyExecutor> factory) {
        return new Supplier<>() {
            private CopyExecutor value;

            @Override
            public synchronized CopyExecutor get() {
                if (value == null) {
                    value = factory.get();
                }
                return value;
            }
        };
    }

    /**
     * Builds the graph's target stage from the files of {@code contextDir} (already filtered by .dockerignore).
     *
     * @throws BuildFailedException when a step fails or a base cannot be found; the message is for the user
     */
    public StageResult build(BuildGraph graph, Path contextDir, EngineOptions options, BuildProgress progress)
            throws BuildFailedException {
        Map<Integer, CompletableFuture<StageResult>> results = new ConcurrentHashMap<>();
        for (int stage : graph.order()) {
            results.put(stage, new CompletableFuture<>());
        }
        LayerCommitter committer = new LayerCommitter(snapshots, blobs, index, tmp);
        EngineContext ctx = new EngineContext(graph, contextDir, options, progress, snapshots, blobs, index, images,
                runtime, copier, committer, cacheMounts, results, new AtomicInteger());
        ExecutorService pool = Executors.newFixedThreadPool(options.parallelism(), r -> {
            Thread thread = new Thread(r, "shipyard-stage");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (SortedSet<Integer> wave : graph.waves()) {
                List<CompletableFuture<StageResult>> running = new ArrayList<>();
                for (int stage : wave) {
                    StageNode node = graph.stage(stage);
                    CompletableFuture<StageResult> future = results.get(stage);
                    pool.execute(() -> runStage(ctx, node, future));
                    running.add(future);
                }
                awaitAll(running);
            }
            return results.get(graph.target()).join();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void runStage(EngineContext ctx, StageNode node, CompletableFuture<StageResult> future) {
        try {
            future.complete(new StageBuilder(ctx, node).build());
        } catch (Exception | Error e) {
            future.completeExceptionally(e);
        }
    }

    private static void awaitAll(List<CompletableFuture<StageResult>> running) throws BuildFailedException {
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BuildFailedException failed) {
                throw failed;
            }
            if (cause instanceof java.io.IOException) {
                // Resolution and I/O failures already say what could not be done and why.
                throw new BuildFailedException(cause.getMessage(), cause);
            }
            throw new BuildFailedException("could not build: " + cause, cause);
        }
    }

    /** The image of a stage result under {@code names}, created at {@code created}. */
    public static ArchiveImage image(StageResult result, List<String> names, Instant created) {
        ImageConfig config = result.config().withCreated(created);
        return ArchiveImage.of(names, config, result.descriptors());
    }

    /** Copies the root filesystem of {@code result} into {@code dest} (created when missing). */
    public void exportRootfs(StageResult result, Path dest) throws IOException {
        Files.createDirectories(dest);
        ActiveMount mount = snapshots.prepare(snapshots.ensure(result.layers()));
        try {
            Process copy = new ProcessBuilder("cp", "-a", "--", mount.merged() + "/.", dest.toString())
                    .redirectErrorStream(true).start();
            String output = new String(copy.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (copy.waitFor() != 0) {
                throw new IOException("could not export the rootfs to " + dest + ": " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("could not export the rootfs to " + dest + ": interrupted", e);
        } finally {
            snapshots.abort(mount);
        }
    }

    /**
     * As {@link #exportRootfs(StageResult, Path)}, then with {@code sourceDateEpoch} set no entry is newer than it,
     * so that two exports of the same build are identical.
     */
    public void exportRootfs(StageResult result, Path dest, Instant sourceDateEpoch) throws IOException {
        exportRootfs(result, dest);
        if (sourceDateEpoch != null) {
            MtimeClamp.clamp(dest, sourceDateEpoch);
        }
    }

    public BlobStore blobs() {
        return blobs;
    }
}
