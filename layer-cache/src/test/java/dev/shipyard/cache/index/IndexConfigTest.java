package dev.shipyard.cache.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.config.ConfigException;
import dev.shipyard.config.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexConfigTest {

    @Test
    void from_emptySettings_usesDefaults() {
        IndexConfig c = IndexConfig.from(Settings.empty());
        assertThat(c.clusterName()).isEqualTo("shipyard");
        assertThat(c.members()).containsExactly("127.0.0.1:5701");
        assertThat(c.claimLease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.kubernetes()).isFalse();
    }

    @Test
    void from_givenValues_readsThem() {
        IndexConfig c = IndexConfig.from(Settings.of(Map.of(
                "cache.index.members", "10.0.0.1:5701, 10.0.0.2:5701",
                "cache.index.claim-lease", "30s",
                "cache.index.heartbeat", "2s",
                "cache.index.max-no-heartbeat", "10s")));
        assertThat(c.members()).isEqualTo(List.of("10.0.0.1:5701", "10.0.0.2:5701"));
        assertThat(c.claimLease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.maxNoHeartbeat()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void from_maxNoHeartbeatBelowTwoHeartbeats_failsNamingTheKey() {
        assertThatThrownBy(() -> IndexConfig.from(Settings.of(Map.of(
                "cache.index.heartbeat", "5s", "cache.index.max-no-heartbeat", "6s"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cache.index.max-no-heartbeat");
    }

    @Test
    void from_zeroLease_failsNamingTheKey() {
        assertThatThrownBy(() -> IndexConfig.from(Settings.of(Map.of("cache.index.claim-lease", "0s"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cache.index.claim-lease");
    }

    @Test
    void from_kubernetesWithoutService_failsNamingTheKey() {
        assertThatThrownBy(() -> IndexConfig.from(Settings.of(Map.of("cache.index.kubernetes.enabled", "true"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cache.index.kubernetes.service");
    }
}
