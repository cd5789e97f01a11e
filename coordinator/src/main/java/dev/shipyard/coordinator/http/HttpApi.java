package dev.shipyard.coordinator.http;

import dev.shipyard.coordinator.build.BuildException;
import dev.shipyard.coordinator.build.BuildIds;
import dev.shipyard.coordinator.build.BuildService;
import dev.shipyard.coordinator.build.ReceivedContext;
import dev.shipyard.coordinator.state.BuildRecord;
import dev.shipyard.oci.archive.ArchiveFormat;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/** The coordinator's HTTP API, version 1: every route in {@link #router}, each handler a few lines. */
public final class HttpApi {
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;

    private final Vertx vertx;
    private final BuildService builds;
    private final CoordinatorConfig config;
    private final HttpMetrics metrics;

    private HttpApi(Vertx vertx, BuildService builds, CoordinatorConfig config, PrometheusMeterRegistry registry) {
        this.vertx = vertx;
        this.builds = builds;
        this.config = config;
        this.metrics = new HttpMetrics(registry);
    }

    /** A router serving the API over {@code builds}. */
    public static Router router(Vertx vertx, BuildService builds, CoordinatorConfig config,
                                PrometheusMeterRegistry registry) {
        return new HttpApi(vertx, builds, config, registry).routes(Router.router(vertx));
    }

    private Router routes(Router router) {
        router.route().handler(metrics::time);
        route(router, HttpMethod.POST, "/v1/builds", this::submit);
        route(router, HttpMethod.GET, "/v1/builds", this::list);
        route(router, HttpMethod.GET, "/v1/builds/:id", this::get);
        route(router, HttpMethod.DELETE, "/v1/builds/:id", this::cancel);
        route(router, HttpMethod.GET, "/v1/builds/:id/events", this::events);
        route(router, HttpMethod.GET, "/v1/builds/:id/image", this::image);
        route(router, HttpMethod.GET, "/healthz", ctx -> Future.succeededFuture(Reply.ok(Map.of("status", "ok"))));
        route(router, HttpMethod.GET, "/readyz", this::ready);
        route(router, HttpMethod.GET, "/metrics", this::metrics);
        route(router, HttpMethod.GET, "/openapi.yaml", this::openApi);
        router.route().failureHandler(ErrorResponses::handle);
        router.errorHandler(404, ErrorResponses::handle);
        router.errorHandler(405, ErrorResponses::handle);
        return router;
    }

    private Future<Reply> submit(RoutingContext ctx) {
        BuildParameters params = BuildParameters.read(ctx.queryParams(), ctx.request().headers());
        return ContextReceiver.receive(vertx, ctx.request(), config.spoolDir(), config.maxContextBytes())
                .compose(context -> blocking(() -> admit(context, params)))
                .map(build -> Reply.of(202, new Dtos.Accepted(build.id(), build.state().wireName())));
    }

    private BuildRecord admit(ReceivedContext context, BuildParameters params) throws IOException {
        try {
            return builds.submit(context, params.request(), params.inlineDockerfile());
        } finally {
            Files.deleteIfExists(context.file());
        }
    }

    private Future<Reply> get(RoutingContext ctx) {
        String id = buildId(ctx);
        return blocking(() -> Reply.ok(Dtos.Build.of(builds.get(id))));
    }

    private Future<Reply> cancel(RoutingContext ctx) {
        String id = buildId(ctx);
        return blocking(() -> Reply.ok(Dtos.Build.of(builds.cancel(id))));
    }

    private Future<Reply> list(RoutingContext ctx) {
        int limit = intParam(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
        String after = ctx.queryParams().get("after");
        return blocking(() -> Reply.ok(Dtos.BuildList.of(builds.list(after, limit))));
    }

    private Future<Void> events(RoutingContext ctx) {
        String id = buildId(ctx);
        String lastSeen = ctx.request().getHeader("Last-Event-ID");
        long from = lastSeen == null ? 0 : sequence(lastSeen) + 1;
        return blocking(() -> builds.get(id))
                .compose(build -> EventStream.serve(builds, vertx.getOrCreateContext(), ctx.response(), id, from));
    }

    private Future<Void> image(RoutingContext ctx) {
        String id = buildId(ctx);
        String format = ctx.queryParams().get("format");
        return blocking(() -> {
            BuildRecord build = builds.finishedWithImage(id);
            return writeArchive(build, format(format == null ? build.request().output() : format));
        })
                .compose(file -> ctx.response().putHeader("Content-Type", "application/x-tar")
                        .putHeader("Content-Disposition", "attachment; filename=\"" + id + ".tar\"")
                        .sendFile(file.toString())
                        .eventually(() -> vertx.fileSystem().delete(file.toString())));
    }

    private Path writeArchive(BuildRecord build, ArchiveFormat format) throws IOException {
        Files.createDirectories(config.spoolDir());
        Path file = Files.createTempFile(config.spoolDir(), "image-", ".tar");
        try (OutputStream out = Files.newOutputStream(file)) {
            builds.exportImage(build, format, out);
            return file;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private Future<Reply> ready(RoutingContext ctx) {
        return blocking(() -> {
            builds.checkReady();
            return Reply.ok(Map.of("status", "ready"));
        }).recover(failure -> Future.succeededFuture(Reply.of(503,
                new Dtos.Error("not ready: " + failure.getMessage(), Map.of()))));
    }

    private Future<Void> metrics(RoutingContext ctx) {
        return blocking(builds::countByState)
                .compose(counts -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4")
                        .end(metrics.scrape(counts)));
    }

    private Future<Void> openApi(RoutingContext ctx) {
        return blocking(HttpApi::openApiText)
                .compose(text -> ctx.response().putHeader("Content-Type", "application/yaml").end(text));
    }

    static String openApiText() throws IOException {
        try (InputStream in = HttpApi.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IOException("could not serve openapi.yaml: it is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private <T> Future<T> blocking(java.util.concurrent.Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }

    private static void route(Router router, HttpMethod method, String path,
                              Function<RoutingContext, Future<?>> handler) {
        router.route(method, path).handler(ctx -> {
            ctx.put(HttpMetrics.ROUTE_KEY, path);
            Future<?> answer;
            try {
                answer = handler.apply(ctx);
            } catch (RuntimeException e) {
                answer = Future.failedFuture(e);
            }
            answer.onSuccess(value -> send(ctx, value)).onFailure(ctx::fail);
        });
    }

    private static void send(RoutingContext ctx, Object value) {
        if (value instanceof Reply reply && !ctx.response().ended()) {
            ctx.response().setStatusCode(reply.status()).putHeader("Content-Type", "application/json")
                    .end(ApiJson.buffer(reply.body()));
        }
    }

    private static String buildId(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!BuildIds.isWellFormed(id)) {
            throw BuildException.notFound(id);
        }
        return id;
    }

    private static int intParam(RoutingContext ctx, String name, int defaultValue, int min, int max) {
        String text = ctx.queryParams().get(name);
        try {
            int value = text == null ? defaultValue : Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below with the range that is accepted
        }
        throw BuildException.invalid(name + " must be a number from " + min + " to " + max + ", got \"" + text + "\"");
    }

    private static long sequence(String lastEventId) {
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            throw BuildException.invalid("Last-Event-ID must be an event id this API sent, got \"" + lastEventId
                    + "\"");
        }
    }

    private static ArchiveFormat format(String text) {
        if (text.equals("oci")) {
            return ArchiveFormat.OCI;
        }
        if (text.equals("docker")) {
            return ArchiveFormat.DOCKER;
        }
        throw BuildException.invalid("format must be oci or docker, got \"" + text + "\"");
    }

    /** A JSON answer. */
    private record Reply(int status, Object body) {
        static Reply of(int status, Object body) {
            return new Reply(status, body);
        }

        static Reply ok(Object body) {
            return new Reply(200, body);
        }
    }
}
