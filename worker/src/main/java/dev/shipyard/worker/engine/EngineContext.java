package dev.shipyard.worker.engine;

import dev.shipyard.cache.blob.BlobStore;
import dev.shipyard.graph.BuildGraph;
import dev.shipyard.worker.copy.CopyExecutor;
import dev.shipyard.worker.sandbox.Runtime;
import dev.shipyard.worker.snapshot.SnapshotStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** What every stage of one build shares: stores, runtime, options, progress and the results of other stages. */
record EngineContext(BuildGraph graph, Path contextDir, EngineOptions options, BuildProgress progress,
                     SnapshotStore snapshots, BlobStore blobs, LocalCacheIndex index, BaseImages images,
                     Runtime runtime, Supplier<CopyExecutor> copier, LayerCommitter committer, Path cacheMounts,
                     Map<Integer, CompletableFuture<StageResult>> stageResults, AtomicInteger stepIds) {

    /** History and image times: SOURCE_DATE_EPOCH when set, else now. */
    Instant created() {
        Instant epoch = options.layers().sourceDateEpoch();
        return epoch != null ? epoch : Instant.now();
    }

    int nextStepId() {
        return stepIds.incrementAndGet();
    }
}
