package dev.shipyard.worker.kafka;

import dev.shipyard.cache.blob.BlobStore;
import dev.shipyard.cache.index.CacheIndex;
import dev.shipyard.cache.index.CacheNamespace;
import dev.shipyard.cache.index.LayerRecord;
import dev.shipyard.oci.Digest;
import dev.shipyard.protocol.jobs.LayerResult;
import dev.shipyard.protocol.jobs.StepJob;
import dev.shipyard.worker.jobs.CancellationSignal;
import dev.shipyard.worker.jobs.EventSink;
import dev.shipyard.worker.jobs.StepExecutor;
import dev.shipyard.worker.jobs.StepOutcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A step executor that does what a test tells it, counting calls and concurrency; {@link #buildLayer} stores a
 * real blob and files it in the real index, as the engine does before it returns.
 */
final class FakeExecutor implements StepExecutor {
    static final String MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";

    /** What one call does; {@code call} counts from 1 over all calls. */
    @FunctionalInterface
    interface Behaviour {
        StepOutcome run(StepJob job, EventSink sink, CancellationSignal cancel, int call) throws Exception;
    }

    private final Behaviour behaviour;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();

    FakeExecutor(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    @Override
    public StepOutcome execute(StepJob job, EventSink sink, CancellationSignal cancel) throws Exception {
        int call = calls.incrementAndGet();
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        try {
            return behaviour.run(job, sink, cancel, call);
        } finally {
            concurrent.decrementAndGet();
        }
    }

    int calls() {
        return calls.get();
    }

    int maxConcurrent() {
        return maxConcurrent.get();
    }

    /** Uploads a layer blob for {@code job} and publishes its index entry, as the step engine does. */
    static StepOutcome buildLayer(StepJob job, BlobStore store, CacheIndex index) throws IOException {
        byte[] blob = ("layer of " + job.cacheKey()).getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(blob);
        store.put(digest, new ByteArrayInputStream(blob), blob.length);
        LayerRecord record = index.publish(CacheNamespace.of(job.cacheNamespace()), job.cacheKey(),
                LayerRecord.of(digest, Digest.sha256("tar of " + job.cacheKey()), blob.length, MEDIA_TYPE,
                        Instant.now()));
        return StepOutcome.built(new LayerResult(record.digest(), record.diffId(), record.size(), record.mediaType()));
    }
}
