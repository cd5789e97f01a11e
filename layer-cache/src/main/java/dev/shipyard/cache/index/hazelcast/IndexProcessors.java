package dev.shipyard.cache.index.hazelcast;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.query.Predicate;
import java.util.Map;
import java.util.Set;

/** Atomic updates of index records, run where the record lives: no read-modify-write over the network. */
final class IndexProcessors {
    private IndexProcessors() {
    }

    /** Counts a hit and answers the updated record, or null when there is none. */
    record Touch(long nowMillis) implements EntryProcessor<String, StoredLayer, StoredLayer> {
        @Override
        public StoredLayer process(Map.Entry<String, StoredLayer> entry) {
            StoredLayer current = entry.getValue();
            if (current == null) {
                return null;
            }
            StoredLayer touched = current.touched(nowMillis);
            entry.setValue(touched);
            return touched;
        }
    }

    /** Removes the record if it still points to {@code digest} and was not used after {@code lastUsedMillis}. */
    record RemoveIfUnchanged(String digest, long lastUsedMillis) implements EntryProcessor<String, StoredLayer, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, StoredLayer> entry) {
            StoredLayer current = entry.getValue();
            if (current == null || !current.digest().equals(digest) || current.lastUsedMillis() > lastUsedMillis) {
                return false;
            }
            entry.setValue(null);
            return true;
        }
    }

    /** Removes the record if it points to {@code digest}, whatever its use. */
    record RemoveIfDigest(String digest) implements EntryProcessor<String, StoredLayer, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, StoredLayer> entry) {
            StoredLayer current = entry.getValue();
            if (current == null || !current.digest().equals(digest)) {
                return false;
            }
            entry.setValue(null);
            return true;
        }
    }

    /** Records pointing to one of {@code digests}. */
    record PointsToAny(Set<String> digests) implements Predicate<String, StoredLayer> {
        @Override
        public boolean apply(Map.Entry<String, StoredLayer> entry) {
            return digests.contains(entry.getValue().digest());
        }
    }
}
