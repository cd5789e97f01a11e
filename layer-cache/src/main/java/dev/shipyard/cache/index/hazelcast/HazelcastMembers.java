package dev.shipyard.cache.index.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.shipyard.cache.index.IndexConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Embedded Hazelcast members for the farm and for tests: TCP-IP join over a member list (multicast and
 * auto-detection off), or Kubernetes discovery; heartbeats as configured so dead members are noticed quickly.
 */
public final class HazelcastMembers {
    private HazelcastMembers() {
    }

    /** A member configuration for {@code config}. */
    public static Config memberConfig(IndexConfig config) {
        Config hz = new Config();
        hz.setClusterName(config.clusterName());
        hz.setProperty("hazelcast.logging.type", "slf4j");
        hz.setProperty("hazelcast.phone.home.enabled", "false");
        hz.setProperty("hazelcast.heartbeat.interval.seconds", Long.toString(config.heartbeat().toSeconds()));
        hz.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(config.maxNoHeartbeat().toSeconds()));
        NetworkConfig network = hz.getNetworkConfig();
        network.setPort(config.port()).setPortAutoIncrement(false);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (config.kubernetes()) {
            join.getKubernetesConfig().setEnabled(true)
                    .setProperty("namespace", config.kubernetesNamespace())
                    .setProperty("service-name", config.kubernetesService());
        } else {
            join.getTcpIpConfig().setEnabled(true).setMembers(config.members());
        }
        hz.addMapConfig(new MapConfig(HazelcastCacheIndex.MAP).setBackupCount(1));
        hz.addMapConfig(new MapConfig(HazelcastClaims.MAP).setBackupCount(1));
        return hz;
    }

    /**
     * A configuration for one of several members on this machine: bound to 127.0.0.1 on {@code port},
     * joining {@code ports}, with heartbeats of a second and death declared after {@code maxNoHeartbeat}.
     */
    public static Config loopbackConfig(String clusterName, int port, List<Integer> ports, Duration maxNoHeartbeat) {
        List<String> members = new ArrayList<>();
        ports.forEach(p -> members.add("127.0.0.1:" + p));
        IndexConfig config = new IndexConfig(clusterName, port, members, Duration.ofMinutes(2), Duration.ofSeconds(1),
                Duration.ofSeconds(1), maxNoHeartbeat, false, "default", "");
        Config hz = memberConfig(config);
        hz.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        hz.setProperty("hazelcast.socket.bind.any", "false");
        hz.setProperty("hazelcast.wait.seconds.before.join", "0");
        hz.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        return hz;
    }

    /** Starts {@code count} members on free loopback ports and waits until they form one cluster. */
    public static List<HazelcastInstance> startLoopbackCluster(String clusterName, int count, Duration maxNoHeartbeat) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(freePort());
        }
        List<HazelcastInstance> members = new ArrayList<>();
        for (int port : ports) {
            members.add(Hazelcast.newHazelcastInstance(loopbackConfig(clusterName, port, ports, maxNoHeartbeat)));
        }
        return members;
    }

    /** A TCP port on 127.0.0.1 that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free TCP port on 127.0.0.1: " + e.getMessage(), e);
        }
    }
}
