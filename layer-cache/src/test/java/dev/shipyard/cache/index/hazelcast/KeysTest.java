package dev.shipyard.cache.index.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.cache.index.CacheNamespace;
import dev.shipyard.cachekey.CacheKey;
import dev.shipyard.oci.Digest;
import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void of_namespaceAndKey_roundTrips() {
        CacheKey key = new CacheKey(Digest.sha256("step"));
        String mapKey = Keys.of(CacheNamespace.SHARED, key);
        assertThat(mapKey).isEqualTo("shared/" + key);
        assertThat(Keys.namespace(mapKey)).isEqualTo(CacheNamespace.SHARED);
        assertThat(Keys.key(mapKey)).isEqualTo(key);
    }

    @Test
    void key_withoutSlash_failsNamingTheKey() {
        assertThatThrownBy(() -> Keys.key("garbage")).hasMessageContaining("malformed index key 'garbage'");
    }
}
