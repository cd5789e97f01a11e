package dev.shipyard.coordinator.kafka;

import dev.shipyard.config.Settings;
import dev.shipyard.protocol.jobs.Topics;
import java.util.Objects;

/** The coordinator's Kafka settings: {@code kafka.bootstrap.servers} (required), {@code coordinator.group} and topics. */
public record CoordinatorKafkaConfig(String bootstrapServers, String groupId, String clientId, Topics topics) {
    public CoordinatorKafkaConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(topics, "topics");
    }

    public static CoordinatorKafkaConfig from(Settings settings) {
        return new CoordinatorKafkaConfig(settings.required("kafka.bootstrap.servers"),
                settings.string("coordinator.group", "shipyard-coordinators"),
                settings.string("coordinator.id", "coordinator-" + ProcessHandle.current().pid()),
                Topics.from(settings));
    }
}
