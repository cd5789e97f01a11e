package dev.shipyard.cache.index;

import dev.shipyard.cachekey.CacheKey;

/** The right to execute one cache key, held under a lease that {@link #renew} extends. */
public interface ClaimHandle {

    CacheNamespace namespace();

    CacheKey key();

    /** Whether this claim was taken over from a claimer that died or let its lease expire. */
    boolean takenOver();

    /**
     * Extends the lease by its full duration from now.
     *
     * @return false when the claim was lost (the lease expired and another caller took it over)
     */
    boolean renew();

    /** Publishes {@code record} (the blob must be durable), ends the claim and wakes the waiters with it. */
    LayerRecord complete(LayerRecord record);

    /** Ends the claim as failed: the callers waiting now are told {@code reason}; later callers claim afresh. */
    void fail(String reason);

    /** Gives the claim up without a result, so that one waiter claims it instead. */
    void release();
}
