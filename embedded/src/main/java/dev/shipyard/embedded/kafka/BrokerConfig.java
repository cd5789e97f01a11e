package dev.shipyard.embedded.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Settings of a single-node KRaft broker (combined broker and controller) bound to 127.0.0.1. */
record BrokerConfig(int port, int controllerPort, Path logDir) {

    static final int NODE_ID = 1;
    static final String HOST = "127.0.0.1";

    BrokerConfig {
        requirePort(port, "port");
        requirePort(controllerPort, "controller port");
        if (port == controllerPort) {
            throw new IllegalArgumentException("broker and controller need distinct ports, both are " + port);
        }
    }

    private static void requirePort(int value, String name) {
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException(name + " must be in 1..65535, was " + value);
        }
    }

    String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The server.properties content, sorted by key so the written file is stable. */
    Map<String, String> settings() {
        Map<String, String> s = new TreeMap<>();
        s.put("process.roles", "broker,controller");
        s.put("node.id", String.valueOf(NODE_ID));
        // A static voter set: the quorum is this one node, and its controller port may change between runs.
        s.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        s.put("controller.listener.names", "CONTROLLER");
        s.put("inter.broker.listener.name", "PLAINTEXT");
        s.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        s.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        s.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        s.put("log.dirs", logDir.toAbsolutePath().toString());
        putSingleNodeSettings(s);
        putLeanSettings(s);
        return s;
    }

    private static void putSingleNodeSettings(Map<String, String> s) {
        s.put("num.partitions", "1");
        s.put("default.replication.factor", "1");
        s.put("min.insync.replicas", "1");
        s.put("offsets.topic.replication.factor", "1");
        s.put("transaction.state.log.replication.factor", "1");
        s.put("transaction.state.log.min.isr", "1");
        s.put("share.coordinator.state.topic.replication.factor", "1");
        s.put("share.coordinator.state.topic.min.isr", "1");
        // The farm creates its topics with the partition counts it wants; a typo must not create one.
        s.put("auto.create.topics.enable", "false");
        s.put("group.initial.rebalance.delay.ms", "0");
    }

    // Fewer threads, partitions and preallocated bytes than a production broker: it shares two cores.
    private static void putLeanSettings(Map<String, String> s) {
        s.put("offsets.topic.num.partitions", "10");
        s.put("transaction.state.log.num.partitions", "4");
        s.put("num.network.threads", "2");
        s.put("num.io.threads", "2");
        s.put("background.threads", "2");
        s.put("num.recovery.threads.per.data.dir", "1");
        s.put("num.replica.fetchers", "1");
        s.put("log.cleaner.threads", "1");
        s.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        s.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        s.put("log.index.size.max.bytes", String.valueOf(1024 * 1024));
        s.put("broker.heartbeat.interval.ms", "500");
    }

    Properties toProperties() {
        Properties properties = new Properties();
        properties.putAll(settings());
        return properties;
    }
}
