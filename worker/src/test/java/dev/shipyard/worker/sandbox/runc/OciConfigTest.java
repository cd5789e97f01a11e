package dev.shipyard.worker.sandbox.runc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipyard.worker.sandbox.NetworkMode;
import dev.shipyard.worker.sandbox.ResourceLimits;
import dev.shipyard.worker.sandbox.SandboxSpec;
import dev.shipyard.worker.sandbox.SandboxUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OciConfigTest {
    private static final SandboxSpec SPEC = SandboxSpec.of(Path.of("/merged"),
                    SandboxSpec.shellForm(SandboxSpec.DEFAULT_SHELL, "make"), List.of("PATH=/bin", "A=b"))
            .withUser(new SandboxUser(1000, 50)).withCwd("/src").withHostname("builder")
            .withLimits(new ResourceLimits(64L << 20, 100, 0.5)).withTimeout(Duration.ofMinutes(1));

    private static JsonNode json(SandboxSpec spec, Optional<Path> netns) throws Exception {
        String text = OciConfig.toJson(OciConfig.build(spec,
                List.of(new OciConfig.Bind(Path.of("/host/cache"), "/root/.cache", false),
                        new OciConfig.Bind(Path.of("/host/secret"), "/run/secrets/s", true)),
                List.of(new OciConfig.Tmpfs("/scratch", 1 << 20)), "/shipyard-x", netns));
        return new ObjectMapper().readTree(text);
    }

    @Test
    void build_process_carriesArgsEnvCwdAndUserWithoutSupplementaryGroups() throws Exception {
        JsonNode process = json(SPEC, Optional.empty()).get("process");
        assertThat(texts(process.get("args"))).containsExactly("/bin/sh", "-c", "make");
        assertThat(texts(process.get("env"))).containsExactly("PATH=/bin", "A=b");
        assertThat(process.get("cwd").asText()).isEqualTo("/src");
        assertThat(process.at("/user/uid").asInt()).isEqualTo(1000);
        assertThat(process.at("/user/gid").asInt()).isEqualTo(50);
        assertThat(process.at("/user/additionalGids")).isEmpty();
        assertThat(process.get("terminal").asBoolean()).isFalse();
        assertThat(texts(process.at("/capabilities/bounding"))).contains("CAP_CHOWN").doesNotContain("CAP_SYS_ADMIN");
    }

    @Test
    void build_rootHostnameAndResources_matchTheSpec() throws Exception {
        JsonNode config = json(SPEC, Optional.empty());
        assertThat(config.get("ociVersion").asText()).isEqualTo("1.0.2");
        assertThat(config.at("/root/path").asText()).isEqualTo("/merged");
        assertThat(config.get("hostname").asText()).isEqualTo("builder");
        assertThat(config.at("/linux/cgroupsPath").asText()).isEqualTo("/shipyard-x");
        assertThat(config.at("/linux/resources/memory/limit").asLong()).isEqualTo(64L << 20);
        assertThat(config.at("/linux/resources/memory/swap").asLong()).isEqualTo(64L << 20);
        assertThat(config.at("/linux/resources/pids/limit").asLong()).isEqualTo(100);
        assertThat(config.at("/linux/resources/cpu/quota").asLong()).isEqualTo(50_000);
        assertThat(config.at("/linux/resources/cpu/period").asLong()).isEqualTo(100_000);
    }

    @Test
    void build_mounts_includeSystemAndStepMounts() throws Exception {
        JsonNode mounts = json(SPEC, Optional.empty()).get("mounts");
        List<String> destinations = new ArrayList<>();
        mounts.forEach(m -> destinations.add(m.get("destination").asText()));
        assertThat(destinations).containsExactly("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys",
                "/scratch", "/root/.cache", "/run/secrets/s");
        assertThat(texts(mounts.get(5).get("options"))).contains("ro");
        assertThat(texts(mounts.get(6).get("options"))).contains("size=1048576");
        assertThat(texts(mounts.get(7).get("options"))).contains("rbind", "rw");
        assertThat(texts(mounts.get(8).get("options"))).contains("rbind", "ro");
    }

    @Test
    void build_networkHost_sharesTheHostsNetwork() throws Exception {
        List<String> types = new ArrayList<>();
        json(SPEC, Optional.empty()).at("/linux/namespaces").forEach(n -> types.add(n.get("type").asText()));
        assertThat(types).containsExactly("pid", "ipc", "uts", "mount");
    }

    @Test
    void build_networkNone_joinsTheGivenNamespace() throws Exception {
        JsonNode namespaces = json(SPEC.withNetwork(NetworkMode.NONE), Optional.of(Path.of("/run/netns/n")))
                .at("/linux/namespaces");
        assertThat(namespaces.get(4).get("type").asText()).isEqualTo("network");
        assertThat(namespaces.get(4).get("path").asText()).isEqualTo("/run/netns/n");
    }

    @Test
    void build_noLimits_setsNoResourceLimits() throws Exception {
        JsonNode resources = json(SPEC.withLimits(ResourceLimits.NONE), Optional.empty()).at("/linux/resources");
        assertThat(resources.has("memory")).isFalse();
        assertThat(resources.has("pids")).isFalse();
        assertThat(resources.has("cpu")).isFalse();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
