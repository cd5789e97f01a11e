package dev.shipyard.coordinator.http;

import dev.shipyard.coordinator.build.BuildService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The coordinator's front door: one HTTP server serving {@link HttpApi}. */
public final class CoordinatorVerticle extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(CoordinatorVerticle.class);

    private final BuildService builds;
    private final CoordinatorConfig config;
    private final PrometheusMeterRegistry registry;
    private volatile HttpServer server;

    public CoordinatorVerticle(BuildService builds, CoordinatorConfig config, PrometheusMeterRegistry registry) {
        this.builds = builds;
        this.config = config;
        this.registry = registry;
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                .setMaxHeaderSize(config.maxHeaderBytes()).setCompressionSupported(false)
                .setHandle100ContinueAutomatically(false);
        return vertx.createHttpServer(options)
                .requestHandler(HttpApi.router(vertx, builds, config, registry))
                .listen()
                .onSuccess(listening -> {
                    server = listening;
                    log.info("coordinator listening on {}:{}", config.host(), listening.actualPort());
                });
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** The port the server listens on, once started. */
    public int port() {
        if (server == null) {
            throw new IllegalStateException("could not tell the coordinator's port: it has not started");
        }
        return server.actualPort();
    }
}
