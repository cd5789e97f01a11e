package dev.shipyard.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartDependenciesTest {

    private final JsonNode chart = ChartFixture.read(ChartFixture.sourceChart().resolve("Chart.yaml"));
    private final JsonNode values = ChartFixture.read(ChartFixture.sourceChart().resolve("values.yaml"));

    @Test
    void chart_metadata_isApiV2Application() {
        assertThat(chart.path("apiVersion").asText()).isEqualTo("v2");
        assertThat(chart.path("name").asText()).isEqualTo("shipyard");
        assertThat(chart.path("type").asText()).isEqualTo("application");
    }

    @Test
    void dependencies_kafkaAndMinio_areBitnamiChartsBehindConditionsOffByDefault() {
        Map<String, JsonNode> byName = new HashMap<>();
        chart.path("dependencies").forEach(d -> byName.put(d.path("name").asText(), d));

        assertThat(byName).containsOnlyKeys("kafka", "minio");
        byName.forEach((name, dependency) -> {
            assertThat(dependency.path("condition").asText()).isEqualTo(name + ".enabled");
            assertThat(dependency.path("repository").asText()).isEqualTo("oci://registry-1.docker.io/bitnamicharts");
            assertThat(dependency.path("version").asText()).matches("\\d+\\.x\\.x");
            assertThat(values.path(name).path("enabled").asBoolean(true)).as("%s.enabled default", name).isFalse();
        });
    }
}
