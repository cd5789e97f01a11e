package dev.shipyard.cache.index.hazelcast;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Conditional claim updates: each acts only on the claim (token and lease) its caller saw. */
final class ClaimProcessors {
    private ClaimProcessors() {
    }

    /** Replaces the claim the caller saw as dead, or a vanished one, with {@code mine}. */
    record TakeOver(String token, long leaseUntilMillis, ClaimState mine, long ttlMillis)
            implements EntryProcessor<String, ClaimState, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, ClaimState> entry) {
            ClaimState current = entry.getValue();
            if (current != null && (!current.token().equals(token) || current.leaseUntilMillis() != leaseUntilMillis)) {
                return false;
            }
            ((ExtendedMapEntry<String, ClaimState>) entry).setValue(mine, ttlMillis, TimeUnit.MILLISECONDS);
            return true;
        }
    }

    /** Extends a running claim held under {@code token}. */
    record Renew(String token, long leaseUntilMillis, long ttlMillis) implements EntryProcessor<String, ClaimState, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, ClaimState> entry) {
            ClaimState current = entry.getValue();
            if (current == null || !current.token().equals(token) || current.failed()) {
                return false;
            }
            ((ExtendedMapEntry<String, ClaimState>) entry).setValue(current.renewed(leaseUntilMillis), ttlMillis,
                    TimeUnit.MILLISECONDS);
            return true;
        }
    }

    /** Marks the claim held under {@code token} failed, kept for {@code ttlMillis} so its waiters read why. */
    record Fail(String token, String reason, long ttlMillis) implements EntryProcessor<String, ClaimState, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, ClaimState> entry) {
            ClaimState current = entry.getValue();
            if (current == null || !current.token().equals(token)) {
                return false;
            }
            ((ExtendedMapEntry<String, ClaimState>) entry).setValue(current.failedWith(reason), ttlMillis,
                    TimeUnit.MILLISECONDS);
            return true;
        }
    }

    /** Ends the claim held under {@code token}. */
    record Remove(String token) implements EntryProcessor<String, ClaimState, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, ClaimState> entry) {
            ClaimState current = entry.getValue();
            if (current == null || !current.token().equals(token)) {
                return false;
            }
            entry.setValue(null);
            return true;
        }
    }
}
