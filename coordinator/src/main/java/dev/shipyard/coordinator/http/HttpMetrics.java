package dev.shipyard.coordinator.http;

import dev.shipyard.coordinator.state.BuildState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Request timings by route template and status, and builds by state, in a Prometheus registry. */
final class HttpMetrics {
    static final String ROUTE_KEY = "shipyard.route";

    private final PrometheusMeterRegistry registry;
    private final Map<BuildState, AtomicLong> builds = new EnumMap<>(BuildState.class);

    HttpMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        for (BuildState state : BuildState.values()) {
            AtomicLong count = new AtomicLong();
            builds.put(state, count);
            Gauge.builder("shipyard.builds", count, AtomicLong::get).description("Builds by state, farm-wide")
                    .tag("state", state.wireName()).register(registry);
        }
    }

    /** The first handler of every request: times it until its answer is sent. */
    void time(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(ended -> {
            String route = ctx.get(ROUTE_KEY, "unmatched");
            Timer.builder("shipyard.http.requests").description("HTTP requests served")
                    .tag("method", ctx.request().method().name()).tag("route", route)
                    .tag("status", Integer.toString(ctx.response().getStatusCode()))
                    .register(registry).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        });
        ctx.next();
    }

    /** The Prometheus text with build counts as given. */
    String scrape(Map<BuildState, Long> counts) {
        counts.forEach((state, n) -> builds.get(state).set(n));
        return registry.scrape();
    }
}
