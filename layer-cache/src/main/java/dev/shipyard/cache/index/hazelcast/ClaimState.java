package dev.shipyard.cache.index.hazelcast;

import java.io.Serializable;

/**
 * A claim inside the claims map: who holds it (member UUID and a token per claim), until when by the claimers'
 * clock, and the failure reason once it failed (null while running).
 */
record ClaimState(String owner, String token, long leaseUntilMillis, String failure) implements Serializable {

    boolean failed() {
        return failure != null;
    }

    ClaimState renewed(long untilMillis) {
        return new ClaimState(owner, token, untilMillis, failure);
    }

    ClaimState failedWith(String reason) {
        return new ClaimState(owner, token, leaseUntilMillis, reason);
    }
}
