package dev.shipyard.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A copy of the helm/shipyard chart that Helm can render offline.
 *
 * <p>The optional Kafka and MinIO subcharts are declared in Chart.yaml but fetched only by
 * {@code helm dependency build}. Helm refuses to render a chart whose declared dependencies are missing,
 * even disabled ones, so the copy gets an empty placeholder chart of each name and version: with their
 * conditions off nothing of them is rendered, and the chart's own files are the ones in the repository.
 */
final class ChartFixture {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ChartFixture() {
    }

    /** The chart directory in the repository (set by the build, or found from the module directory). */
    static Path sourceChart() {
        String configured = System.getProperty("shipyard.chart.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "helm", "shipyard");
        if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
            throw new IllegalStateException("could not find the chart: no Chart.yaml in " + dir.toAbsolutePath());
        }
        return dir.normalize();
    }

    /** The values of a farm on external Kafka and MinIO, shipped with the chart. */
    static Path ciValues() {
        return sourceChart().resolve("ci/external-values.yaml");
    }

    /** Copies the chart into {@code target} with placeholder subcharts; returns the copy's directory. */
    static Path offlineCopy(Path target) {
        Path chart = target.resolve("shipyard");
        copyTree(sourceChart(), chart);
        for (JsonNode dependency : read(chart.resolve("Chart.yaml")).path("dependencies")) {
            writePlaceholder(chart.resolve("charts"), dependency);
        }
        return chart;
    }

    /** Like {@link #offlineCopy} with {@code overlay} merged into the copy's values.yaml (for lint, which takes no values file). */
    static Path offlineCopyWithValues(Path target, Path overlay) {
        Path chart = offlineCopy(target);
        ObjectNode values = (ObjectNode) read(chart.resolve("values.yaml"));
        merge(values, read(overlay));
        write(chart.resolve("values.yaml"), values);
        return chart;
    }

    static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    private static void writePlaceholder(Path charts, JsonNode dependency) {
        String name = dependency.path("name").asText();
        // "32.x.x" -> "32.0.0": Helm matches a subchart to its declaration by name and version range.
        String version = dependency.path("version").asText().replace("x", "0");
        Path dir = charts.resolve(name);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("Chart.yaml"),
                    "apiVersion: v2\nname: " + name + "\nversion: " + version + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the placeholder chart " + dir, e);
        }
    }

    private static void merge(ObjectNode base, JsonNode overlay) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = base.get(field.getKey());
            if (existing instanceof ObjectNode target && field.getValue().isObject()) {
                merge(target, field.getValue());
            } else {
                base.set(field.getKey(), field.getValue());
            }
        }
    }

    private static void write(Path file, JsonNode node) {
        try {
            YAML.writeValue(file.toFile(), node);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                if (from.relativize(source).startsWith("charts")) {
                    continue; // subcharts a local `helm dependency build` fetched; the placeholders replace them
                }
                Path destination = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy the chart from " + from + " to " + to, e);
        }
    }
}
