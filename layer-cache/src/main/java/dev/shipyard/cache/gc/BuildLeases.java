package dev.shipyard.cache.gc;

import dev.shipyard.oci.Digest;
import java.time.Duration;
import java.util.Set;

/**
 * Blobs running builds use or are producing, held under leases that expire unless renewed, so that a
 * crashed build does not hold blobs forever.
 */
public interface BuildLeases {

    /** Adds {@code digests} to {@code buildId}'s lease and extends it to {@code ttl} from now. */
    void hold(String buildId, Set<Digest> digests, Duration ttl);

    /** Ends {@code buildId}'s lease. */
    void release(String buildId);

    /** The digests of every unexpired lease; expired leases are dropped on the way. */
    Set<Digest> held();
}
