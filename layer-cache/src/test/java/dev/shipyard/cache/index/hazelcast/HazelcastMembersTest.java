package dev.shipyard.cache.index.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import dev.shipyard.cache.index.IndexConfig;
import dev.shipyard.config.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HazelcastMembersTest {

    @Test
    void loopbackConfig_threeMembers_joinsOverTcpWithMulticastOffAndQuickFailureDetection() {
        Config config = HazelcastMembers.loopbackConfig("c", 6001, List.of(6001, 6002, 6003), Duration.ofSeconds(4));

        JoinConfig join = config.getNetworkConfig().getJoin();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:6001", "127.0.0.1:6002", "127.0.0.1:6003");
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(6001);
        assertThat(config.getNetworkConfig().isPortAutoIncrement()).isFalse();
        assertThat(config.getProperty("hazelcast.heartbeat.interval.seconds")).isEqualTo("1");
        assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("4");
        assertThat(config.getClusterName()).isEqualTo("c");
    }

    @Test
    void memberConfig_kubernetesEnabled_usesKubernetesDiscoveryInsteadOfTheMemberList() {
        IndexConfig index = IndexConfig.from(Settings.of(Map.of("cache.index.kubernetes.enabled", "true",
                "cache.index.kubernetes.namespace", "farm", "cache.index.kubernetes.service", "shipyard-hz")));

        JoinConfig join = HazelcastMembers.memberConfig(index).getNetworkConfig().getJoin();

        assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
        assertThat(join.getKubernetesConfig().getProperty("service-name")).isEqualTo("shipyard-hz");
        assertThat(join.getKubernetesConfig().getProperty("namespace")).isEqualTo("farm");
        assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    }
}
