package dev.shipyard.cache.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.config.ConfigException;
import dev.shipyard.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GcConfigTest {

    @Test
    void from_givenValues_readsThem() {
        GcConfig c = GcConfig.from(Settings.of(Map.of("cache.gc.unused-age", "3d", "cache.gc.budget", "10g",
                "cache.gc.grace", "0s")));
        assertThat(c.unusedAge()).isEqualTo(Duration.ofDays(3));
        assertThat(c.budgetBytes()).isEqualTo(10L << 30);
        assertThat(c.grace()).isZero();
    }

    @Test
    void from_emptySettings_hasNoBudgetAndAnHourOfGrace() {
        GcConfig c = GcConfig.from(Settings.empty());
        assertThat(c.budgetBytes()).isZero();
        assertThat(c.grace()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void from_zeroUnusedAge_failsNamingTheKey() {
        assertThatThrownBy(() -> GcConfig.from(Settings.of(Map.of("cache.gc.unused-age", "0s"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cache.gc.unused-age");
    }
}
