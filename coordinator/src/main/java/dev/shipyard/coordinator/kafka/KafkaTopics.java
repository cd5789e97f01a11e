package dev.shipyard.coordinator.kafka;

import dev.shipyard.config.Settings;
import dev.shipyard.protocol.jobs.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the farm's topics when they are missing, and leaves existing ones alone (idempotent).
 *
 * <p>Settings: {@code kafka.topics.steps.partitions} (12: the most workers that share the steps),
 * {@code kafka.topics.events.partitions} (12), {@code kafka.topics.replication} (3, or the broker count when
 * smaller). Retention: steps 1 day, events 1 day, control 1 hour, dead letters 14 days.
 */
public final class KafkaTopics {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);
    private static final long TIMEOUT_SECONDS = 30;

    private KafkaTopics() {
    }

    /** Makes sure every topic of {@link Topics#from(Settings)} exists; returns those topics. */
    public static Topics ensure(Admin admin, Settings settings) {
        Topics topics = Topics.from(settings);
        try {
            int brokers = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
            short replication = (short) Math.min(settings.integer("kafka.topics.replication", 3), brokers);
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (NewTopic topic : wanted(topics, settings, replication)) {
                if (!existing.contains(topic.name())) {
                    missing.add(topic);
                }
            }
            create(admin, missing);
            return topics;
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create the farm's Kafka topics: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not create the farm's Kafka topics: no answer from the brokers in "
                    + TIMEOUT_SECONDS + " s; check kafka.bootstrap.servers", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("could not create the farm's Kafka topics: interrupted", e);
        }
    }

    private static List<NewTopic> wanted(Topics topics, Settings settings, short replication) {
        String minInSync = replication >= 3 ? "2" : "1";
        return List.of(
                topic(topics.steps(), settings.integer("kafka.topics.steps.partitions", 12), replication, minInSync,
                        Duration.ofDays(1)),
                topic(topics.events(), settings.integer("kafka.topics.events.partitions", 12), replication, minInSync,
                        Duration.ofDays(1)),
                topic(topics.control(), 1, replication, minInSync, Duration.ofHours(1)),
                topic(topics.deadLetter(), 1, replication, minInSync, Duration.ofDays(14)));
    }

    private static NewTopic topic(String name, int partitions, short replication, String minInSync,
            Duration retention) {
        return new NewTopic(name, partitions, replication).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()),
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInSync));
    }

    private static void create(Admin admin, List<NewTopic> missing)
            throws InterruptedException, TimeoutException, ExecutionException {
        if (missing.isEmpty()) {
            return;
        }
        for (Map.Entry<String, KafkaFuture<Void>> created
                : admin.createTopics(missing).values().entrySet()) {
            try {
                created.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                LOG.info("created Kafka topic {}", created.getKey());
            } catch (ExecutionException e) {
                // Another coordinator starting at the same time created it first: that is the wanted state.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }
}
