package dev.shipyard.coordinator.http;

import dev.shipyard.coordinator.build.BuildException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place failures become HTTP answers: {@code {"error": "...", "detail": {...}}} with a 4xx or 5xx. */
final class ErrorResponses {
    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    /** The failure handler of every route. */
    static void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status = status(failure, ctx.statusCode());
        if (status >= 500) {
            log.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
        }
        send(ctx, status, message(failure, status), detail(failure));
    }

    static void send(RoutingContext ctx, int status, String message, Map<String, Object> detail) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            // A streamed answer already started: all that is left is to cut it short.
            response.reset();
            return;
        }
        if (!ctx.request().isEnded()) {
            // The body was not read to its end; this connection cannot carry another request.
            response.putHeader("Connection", "close");
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(ApiJson.buffer(new Dtos.Error(message, detail)));
    }

    private static int status(Throwable failure, int statusCode) {
        if (failure instanceof BuildException e) {
            switch (e.kind()) {
                case INVALID: return 400;
                case NOT_FOUND: return 404;
                case CONFLICT: return 409;
                case TOO_LARGE: return 413;
                default: return 500;
            }
        }
        if (failure instanceof HttpException e) {
            return e.getStatusCode();
        }
        return failure == null && statusCode >= 400 ? statusCode : 500;
    }

    private static String message(Throwable failure, int status) {
        if (failure instanceof BuildException || (failure instanceof HttpException && failure.getMessage() != null)) {
            return failure.getMessage();
        }
        if (failure == null) {
            return status == 404 ? "no such resource" : status == 405 ? "method not allowed" : "request failed";
        }
        return "internal error: " + failure;
    }

    private static Map<String, Object> detail(Throwable failure) {
        return failure instanceof BuildException e ? e.detail() : Map.of();
    }
}
