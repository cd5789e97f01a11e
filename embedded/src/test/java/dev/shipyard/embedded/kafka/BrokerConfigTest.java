package dev.shipyard.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

    private final Map<String, String> settings = new BrokerConfig(9092, 9093, Path.of("/data/kafka-logs")).settings();

    @Test
    void settings_ports_bindBothListenersToLoopbackOnly() {
        assertThat(settings)
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("process.roles", "broker,controller");
    }

    @Test
    void settings_singleNode_useReplicationFactorOneForInternalTopics() {
        assertThat(settings)
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("default.replication.factor", "1");
    }

    @Test
    void settings_farm_disableTopicAutoCreationAndRebalanceDelay() {
        assertThat(settings)
                .containsEntry("auto.create.topics.enable", "false")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("log.dirs", Path.of("/data/kafka-logs").toAbsolutePath().toString());
    }

    @Test
    void settings_smallMachine_shrinkCleanerBufferBelowKafkaDefault() {
        assertThat(Long.parseLong(settings.get("log.cleaner.dedupe.buffer.size"))).isLessThan(128L * 1024 * 1024);
        assertThat(Integer.parseInt(settings.get("num.io.threads"))).isLessThanOrEqualTo(2);
    }

    @Test
    void bootstrapServers_port_pointsAtLoopback() {
        assertThat(new BrokerConfig(19092, 19093, Path.of("x")).bootstrapServers()).isEqualTo("127.0.0.1:19092");
    }

    @Test
    void constructor_samePortTwice_isRejected() {
        assertThatThrownBy(() -> new BrokerConfig(9092, 9092, Path.of("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("distinct ports");
    }

    @Test
    void constructor_portOutOfRange_isRejected() {
        assertThatThrownBy(() -> new BrokerConfig(0, 9093, Path.of("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be in 1..65535, was 0");
    }
}
