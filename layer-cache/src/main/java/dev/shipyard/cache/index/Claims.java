package dev.shipyard.cache.index;

import dev.shipyard.cachekey.CacheKey;
import java.time.Duration;
import java.util.Optional;

/**
 * Singleflight over the farm: while a claimer is alive, exactly one caller executes a missing key and the
 * others wait for its record. A claim whose holder leaves the cluster or whose lease expires passes to exactly
 * one waiter.
 */
public interface Claims {

    /**
     * Answers the published record, or claims {@code key} for the caller, or waits for the current claimer's
     * outcome (and claims the key if that claimer dies, lets the lease lapse or releases it).
     *
     * @param lease how long the claim holds without {@link ClaimHandle#renew}
     */
    ClaimOutcome claimOrWait(CacheNamespace namespace, CacheKey key, Duration lease) throws InterruptedException;

    /** Claims {@code key} when nobody holds it (or its holder is gone); never waits and never looks up the index. */
    Optional<ClaimHandle> tryClaim(CacheNamespace namespace, CacheKey key, Duration lease);
}
