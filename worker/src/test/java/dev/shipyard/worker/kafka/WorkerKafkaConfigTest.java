package dev.shipyard.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.config.ConfigException;
import dev.shipyard.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerKafkaConfigTest {

    @Test
    void from_settings_readsEveryKey() {
        WorkerKafkaConfig config = WorkerKafkaConfig.from(Settings.of(Map.of(
                "kafka.bootstrap.servers", "k:9092", "worker.id", "w-1", "worker.slots", "3",
                "worker.shutdown.grace", "2s", "worker.retry.max-attempts", "5", "kafka.topic.prefix", "farm")));
        assertThat(config.workerId()).isEqualTo("w-1");
        assertThat(config.slots()).isEqualTo(3);
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.maxAttempts()).isEqualTo(5);
        assertThat(config.topics().steps()).isEqualTo("farm.steps");
    }

    @Test
    void from_zeroSlots_namesTheSetting() {
        Settings settings = Settings.of(Map.of("kafka.bootstrap.servers", "k:9092", "worker.slots", "0"));
        assertThatThrownBy(() -> WorkerKafkaConfig.from(settings))
                .isInstanceOf(ConfigException.class).hasMessageContaining("worker.slots");
    }

    @Test
    void from_noBootstrapServers_isRefused() {
        assertThatThrownBy(() -> WorkerKafkaConfig.from(Settings.empty()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("kafka.bootstrap.servers");
    }
}
