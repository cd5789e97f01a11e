package dev.shipyard.cache.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CacheNamespaceTest {

    @ParameterizedTest
    @ValueSource(strings = {"shared", "team-a", "a", "proj.web_1"})
    void of_validName_keepsIt(String name) {
        assertThat(CacheNamespace.of(name).name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Team", "a/b", "-lead", "has space", "x/../y"})
    void of_invalidName_failsNamingIt(String name) {
        assertThatThrownBy(() -> CacheNamespace.of(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid cache namespace '" + name + "'");
    }

    @org.junit.jupiter.api.Test
    void of_nameOf64Characters_isRejected() {
        assertThatThrownBy(() -> CacheNamespace.of("a".repeat(64))).hasMessageContaining("1-63 characters");
    }
}
