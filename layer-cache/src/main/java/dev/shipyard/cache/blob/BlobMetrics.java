package dev.shipyard.cache.blob;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters of one store, tagged {@code store=<name>}: {@code shipyard.blob.bytes.up/down},
 * {@code shipyard.blob.gets{result=hit|miss}}, {@code shipyard.blob.corrupt}, {@code shipyard.blob.retries}.
 */
public final class BlobMetrics {
    private final MeterRegistry registry;
    private final String store;
    private final Counter bytesUp;
    private final Counter bytesDown;
    private final Counter hits;
    private final Counter misses;
    private final Counter corrupt;
    private final Counter retries;

    public BlobMetrics(MeterRegistry registry, String store) {
        this.registry = registry;
        this.store = store;
        this.bytesUp = counter("shipyard.blob.bytes.up", "bytes written to the store");
        this.bytesDown = counter("shipyard.blob.bytes.down", "bytes read from the store");
        this.hits = Counter.builder("shipyard.blob.gets").tag("store", store).tag("result", "hit").register(registry);
        this.misses = Counter.builder("shipyard.blob.gets").tag("store", store).tag("result", "miss").register(registry);
        this.corrupt = counter("shipyard.blob.corrupt", "blobs whose bytes no longer matched their digest");
        this.retries = counter("shipyard.blob.retries", "calls tried again after a transient failure");
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).tag("store", store).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public String store() {
        return store;
    }

    public void uploaded(long bytes) {
        bytesUp.increment(bytes);
    }

    public void downloaded(long bytes) {
        bytesDown.increment(bytes);
    }

    public void hit() {
        hits.increment();
    }

    public void miss() {
        misses.increment();
    }

    /** A corrupt blob was found and removed; the read that found it counts as a miss. */
    public void corrupt() {
        corrupt.increment();
        misses.increment();
    }

    public void retry() {
        retries.increment();
    }
}
