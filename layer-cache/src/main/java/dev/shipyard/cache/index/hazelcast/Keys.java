package dev.shipyard.cache.index.hazelcast;

import dev.shipyard.cache.index.CacheNamespace;
import dev.shipyard.cachekey.CacheKey;

/** Map keys {@code <namespace>/<cache key>}: a namespace name never contains '/', so keys never collide. */
final class Keys {
    private Keys() {
    }

    static String of(CacheNamespace namespace, CacheKey key) {
        return namespace.name() + "/" + key;
    }

    static CacheNamespace namespace(String mapKey) {
        return CacheNamespace.of(mapKey.substring(0, slash(mapKey)));
    }

    static CacheKey key(String mapKey) {
        return CacheKey.parse(mapKey.substring(slash(mapKey) + 1));
    }

    private static int slash(String mapKey) {
        int slash = mapKey.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("malformed index key '" + mapKey + "': expected <namespace>/<cache key>");
        }
        return slash;
    }
}
