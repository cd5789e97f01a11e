package dev.shipyard.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipyard.config.Settings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

    @ParameterizedTest
    @CsvSource({"localhost,true", "localhost:5000,true", "127.0.0.1:5000,true", "127.1.2.3,true", "[::1]:5000,true",
            "[::1],true", "128.0.0.1,false", "localhost.example.com,false", "docker.io,false", "[::2]:5000,false"})
    void isLoopback_host_matchesDockerRules(String host, boolean loopback) {
        assertThat(RegistryConfig.isLoopback(host)).isEqualTo(loopback);
    }

    @Test
    void endpoint_dockerHubAndInsecureAndLoopback_pickHostAndScheme() {
        RegistryConfig config = RegistryConfig.fromSettings(Settings.of(Map.of("registry.insecure", "reg.lan:5000, other")));

        assertThat(config.endpoint("docker.io")).isEqualTo(URI.create("https://registry-1.docker.io"));
        assertThat(config.endpoint("reg.lan:5000")).isEqualTo(URI.create("http://reg.lan:5000"));
        assertThat(config.endpoint("localhost:5000")).isEqualTo(URI.create("http://localhost:5000"));
        assertThat(config.endpoint("ghcr.io")).isEqualTo(URI.create("https://ghcr.io"));
    }

    @Test
    void pullEndpoints_hubMirrors_comeFirstInOrder() {
        RegistryConfig config = RegistryConfig.fromSettings(Settings.of(Map.of(
                "registry.mirrors.docker.io", "https://mirror.example.com/, 127.0.0.1:5001")));

        assertThat(config.pullEndpoints("docker.io")).containsExactly(URI.create("https://mirror.example.com"),
                URI.create("http://127.0.0.1:5001"), URI.create("https://registry-1.docker.io"));
        assertThat(config.pullEndpoints("ghcr.io")).isEqualTo(List.of(URI.create("https://ghcr.io")));
    }
}
