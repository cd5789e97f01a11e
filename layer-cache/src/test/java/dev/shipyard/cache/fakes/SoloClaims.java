package dev.shipyard.cache.fakes;

import dev.shipyard.cache.index.CacheNamespace;
import dev.shipyard.cache.index.ClaimHandle;
import dev.shipyard.cache.index.ClaimOutcome;
import dev.shipyard.cache.index.Claims;
import dev.shipyard.cache.index.LayerRecord;
import dev.shipyard.cachekey.CacheKey;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Claims for one process: {@link #tryClaim} only; a key is free again once released. */
public final class SoloClaims implements Claims {
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    @Override
    public ClaimOutcome claimOrWait(CacheNamespace namespace, CacheKey key, Duration lease) {
        throw new UnsupportedOperationException("these claims never wait");
    }

    @Override
    public Optional<ClaimHandle> tryClaim(CacheNamespace namespace, CacheKey key, Duration lease) {
        String id = namespace + "/" + key;
        if (!held.add(id)) {
            return Optional.empty();
        }
        return Optional.of(new ClaimHandle() {
            @Override
            public CacheNamespace namespace() {
                return namespace;
            }

            @Override
            public CacheKey key() {
                return key;
            }

            @Override
            public boolean takenOver() {
                return false;
            }

            @Override
            public boolean renew() {
                return held.contains(id);
            }

            @Override
            public LayerRecord complete(LayerRecord record) {
                held.remove(id);
                return record;
            }

            @Override
            public void fail(String reason) {
                held.remove(id);
            }

            @Override
            public void release() {
                held.remove(id);
            }
        });
    }
}
