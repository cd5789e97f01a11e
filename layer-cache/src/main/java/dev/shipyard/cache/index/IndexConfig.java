package dev.shipyard.cache.index;

import dev.shipyard.config.ConfigException;
import dev.shipyard.config.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the shared index cluster and its claims, read once from {@link Settings} and validated there.
 *
 * @param clusterName       Hazelcast cluster name; members with another name never join
 * @param port              the member's TCP port
 * @param members           seed members ({@code host:port}) for TCP-IP join
 * @param claimLease        default lease of a claim before it must be renewed
 * @param claimCheckInterval how often a waiter re-checks the claimer's lease even without an event
 * @param heartbeat         interval of member heartbeats
 * @param maxNoHeartbeat    silence after which a member is declared dead and its claims pass on
 * @param kubernetes        use Kubernetes discovery instead of the member list
 * @param kubernetesNamespace namespace of the Kubernetes service (with {@code kubernetes})
 * @param kubernetesService name of the headless service of the members (with {@code kubernetes})
 */
public record IndexConfig(String clusterName, int port, List<String> members, Duration claimLease,
                          Duration claimCheckInterval, Duration heartbeat, Duration maxNoHeartbeat,
                          boolean kubernetes, String kubernetesNamespace, String kubernetesService) {

    public static final String PREFIX = "cache.index.";

    public IndexConfig {
        Objects.requireNonNull(clusterName, "clusterName");
        members = List.copyOf(members);
        require(!clusterName.isBlank(), "cluster-name", "must not be blank");
        require(port > 0 && port < 65536, "port", "must be between 1 and 65535, not " + port);
        require(positive(claimLease), "claim-lease", "must be positive, not " + claimLease);
        require(positive(claimCheckInterval), "claim-check-interval", "must be positive, not " + claimCheckInterval);
        require(heartbeat.toSeconds() >= 1, "heartbeat", "must be at least 1s, not " + heartbeat);
        require(maxNoHeartbeat.compareTo(heartbeat.multipliedBy(2)) >= 0, "max-no-heartbeat",
                "must be at least twice the heartbeat (" + heartbeat + "), not " + maxNoHeartbeat);
        require(kubernetes || !members.isEmpty(), "members", "must list at least one host:port when kubernetes is off");
        require(!kubernetes || !kubernetesService.isBlank(), "kubernetes.service", "is required when kubernetes is on");
    }

    /** Reads {@code cache.index.*}; fails naming the key when a value is malformed or inconsistent. */
    public static IndexConfig from(Settings settings) {
        int port = settings.integer(PREFIX + "port", 5701);
        return new IndexConfig(
                settings.string(PREFIX + "cluster-name", "shipyard"),
                port,
                Arrays.stream(settings.string(PREFIX + "members", "127.0.0.1:" + port).split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).toList(),
                settings.duration(PREFIX + "claim-lease", Duration.ofMinutes(2)),
                settings.duration(PREFIX + "claim-check-interval", Duration.ofSeconds(1)),
                settings.duration(PREFIX + "heartbeat", Duration.ofSeconds(5)),
                settings.duration(PREFIX + "max-no-heartbeat", Duration.ofSeconds(60)),
                settings.bool(PREFIX + "kubernetes.enabled", false),
                settings.string(PREFIX + "kubernetes.namespace", "default"),
                settings.string(PREFIX + "kubernetes.service", ""));
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String key, String problem) {
        if (!ok) {
            throw new ConfigException(PREFIX + key, problem);
        }
    }
}
