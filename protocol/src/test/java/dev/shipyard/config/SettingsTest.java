package dev.shipyard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @Test
    void fromEnvironment_prefixedVariables_becomeDottedKeys() {
        assertThat(Settings.fromEnvironment(Map.of("SHIPYARD_CACHE_S3_ENDPOINT", "http://x", "HOME", "/root")))
                .containsExactly(Map.entry("cache.s3.endpoint", "http://x"));
    }

    @Test
    void fromEnvironment_doubleUnderscore_standsForADash() {
        assertThat(Settings.fromEnvironment(Map.of("SHIPYARD_CACHE_S3_ACCESS__KEY", "k")))
                .containsExactly(Map.entry("cache.s3.access-key", "k"));
        assertThat(Settings.environmentName("cache.s3.access-key")).isEqualTo("SHIPYARD_CACHE_S3_ACCESS__KEY");
    }

    @Test
    void load_fileValues_areRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shipyard.properties");
        Files.writeString(file, "cache.local.budget = 20m\ncache.gc.interval=5m\n");
        Settings settings = Settings.load(Optional.of(file));
        assertThat(settings.bytes("cache.local.budget", 0)).isEqualTo(20L << 20);
        assertThat(settings.duration("cache.gc.interval", Duration.ZERO)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void typedGetters_units_areParsed() {
        Settings s = Settings.of(Map.of("a", "500ms", "b", "PT2H", "c", "10g", "d", "7", "e", "TRUE"));
        assertThat(s.duration("a", null)).isEqualTo(Duration.ofMillis(500));
        assertThat(s.duration("b", null)).isEqualTo(Duration.ofHours(2));
        assertThat(s.bytes("c", 0)).isEqualTo(10L << 30);
        assertThat(s.integer("d", 0)).isEqualTo(7);
        assertThat(s.bool("e", false)).isTrue();
        assertThat(s.integer("missing", 3)).isEqualTo(3);
    }

    @Test
    void typedGetters_badValue_namesKeyAndVariable() {
        Settings s = Settings.of(Map.of("worker.slots", "many", "gc.every", "soon", "size", "-1"));
        assertThatThrownBy(() -> s.integer("worker.slots", 1))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("worker.slots must be an integer, not 'many'")
                .hasMessageContaining("SHIPYARD_WORKER_SLOTS");
        assertThatThrownBy(() -> s.duration("gc.every", null)).hasMessageContaining("must be a duration");
        assertThatThrownBy(() -> s.bytes("size", 0)).hasMessageContaining("must be a size");
        assertThatThrownBy(() -> s.required("absent")).hasMessageContaining("absent is required");
    }
}
