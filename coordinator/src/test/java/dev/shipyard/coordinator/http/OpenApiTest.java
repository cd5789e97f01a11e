package dev.shipyard.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenApiTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void openApi_describesEveryRouteOfTheRouter() throws Exception {
        // Building the routes touches no build: the service is only called by requests.
        Router router = HttpApi.router(vertx, null, new CoordinatorConfig("127.0.0.1", 0, 1, Path.of("/tmp"), 8192),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        List<String> lines = HttpApi.openApiText().lines().toList();

        List<String> checked = new ArrayList<>();
        for (Route route : router.getRoutes()) {
            if (route.getPath() == null || route.methods() == null) {
                continue;
            }
            String path = route.getPath().replaceAll(":([a-zA-Z]+)", "{$1}");
            for (HttpMethod method : route.methods()) {
                assertThat(operations(lines, path)).as(method + " " + path)
                        .contains(method.name().toLowerCase(Locale.ROOT));
                checked.add(method + " " + path);
            }
        }
        assertThat(checked).hasSize(10).contains("POST /v1/builds", "GET /v1/builds/{id}/events");
    }

    /** The operation keys under {@code path} in the document's {@code paths}. */
    private static List<String> operations(List<String> lines, String path) {
        List<String> operations = new ArrayList<>();
        int start = lines.indexOf("  " + path + ":");
        if (start < 0) {
            return operations;
        }
        for (String line : lines.subList(start + 1, lines.size())) {
            if (!line.startsWith("    ")) {
                break;
            }
            if (line.matches("    [a-z]+:.*") && !line.startsWith("    parameters:")) {
                operations.add(line.trim().substring(0, line.trim().indexOf(':')));
            }
        }
        return operations;
    }
}
