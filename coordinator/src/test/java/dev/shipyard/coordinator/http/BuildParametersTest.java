package dev.shipyard.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.coordinator.build.BuildException;
import dev.shipyard.coordinator.state.BuildRequest;
import io.vertx.core.MultiMap;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildParametersTest {
    private static MultiMap query(String... pairs) {
        MultiMap map = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < pairs.length; i += 2) {
            map.add(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void read_everyParameter_endsUpInTheRequest() {
        BuildParameters params = BuildParameters.read(query("dockerfile", "ci/Dockerfile", "t", "app:1",
                "t", "app:latest",
                "buildarg", "A=1", "buildarg", "B=x=y", "target", "app", "label", "k=v", "nocache", "true",
                "platform", "linux/arm64/v8", "output", "docker"), query());

        BuildRequest request = params.request();
        assertThat(request.dockerfile()).isEqualTo("ci/Dockerfile");
        assertThat(request.tags()).containsExactly("app:1", "app:latest");
        assertThat(request.buildArgs()).isEqualTo(Map.of("A", "1", "B", "x=y"));
        assertThat(request.target()).isEqualTo("app");
        assertThat(request.labels()).isEqualTo(Map.of("k", "v"));
        assertThat(request.noCache()).isTrue();
        assertThat(request.platform()).isEqualTo("linux/arm64/v8");
        assertThat(request.output()).isEqualTo("docker");
        assertThat(params.inlineDockerfile()).isNull();
    }

    @Test
    void read_nothing_givesDefaults() {
        BuildRequest request = BuildParameters.read(query(), query()).request();

        assertThat(request.dockerfile()).isEqualTo("Dockerfile");
        assertThat(request.tags()).isEmpty();
        assertThat(request.noCache()).isFalse();
        assertThat(request.output()).isEqualTo("oci");
    }

    @Test
    void read_inlineHeader_decodesDockerfile() {
        String encoded = Base64.getEncoder().encodeToString("FROM scratch\n".getBytes());

        BuildParameters params = BuildParameters.read(query(), query("X-Shipyard-Dockerfile", encoded));

        assertThat(new String(params.inlineDockerfile())).isEqualTo("FROM scratch\n");
        assertThat(params.request().dockerfile()).isEqualTo(BuildRequest.INLINE);
    }

    @Test
    void read_badValues_areRefusedWithTheirName() {
        for (List<String> bad : List.of(List.of("buildarg", "NOEQUALS"), List.of("label", "=v"),
                List.of("output", "zip"), List.of("nocache", "maybe"), List.of("platform", "linux"),
                List.of("t", "UPPER:case"), List.of("dockerfile", "../Dockerfile"), List.of("dockerfile", "/abs"))) {
            assertThatThrownBy(() -> BuildParameters.read(query(bad.get(0), bad.get(1)), query()))
                    .as(bad.toString()).isInstanceOf(BuildException.class)
                    .extracting(e -> ((BuildException) e).kind()).isEqualTo(BuildException.Kind.INVALID);
        }
    }

    @Test
    void read_inlineAndPath_isRefused() {
        String encoded = Base64.getEncoder().encodeToString("FROM scratch\n".getBytes());

        assertThatThrownBy(() -> BuildParameters.read(query("dockerfile", "Dockerfile"),
                query("X-Shipyard-Dockerfile", encoded))).hasMessageContaining("not both");
    }

    @Test
    void read_inlineNotBase64_isRefused() {
        assertThatThrownBy(() -> BuildParameters.read(query(), query("X-Shipyard-Dockerfile", "%%%")))
                .hasMessageContaining("not base64");
    }
}
