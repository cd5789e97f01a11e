package dev.shipyard.coordinator.http;

import dev.shipyard.coordinator.build.BuildService;
import dev.shipyard.coordinator.state.EventBatch;
import dev.shipyard.coordinator.state.LoggedEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a build's event log as Server-Sent Events: from the first event (or after {@code Last-Event-ID}),
 * following the log as it grows, until the event that ends the build; then the stream closes.
 */
final class EventStream {
    private static final Logger log = LoggerFactory.getLogger(EventStream.class);
    private static final int BATCH = 256;
    /** A comment line this often keeps proxies from timing the stream out and shows when the client left. */
    private static final long KEEPALIVE_MILLIS = 15_000;

    private final BuildService builds;
    private final Context context;
    private final HttpServerResponse response;
    private final String buildId;
    private final Promise<Void> done = Promise.promise();
    private volatile boolean closed;

    private EventStream(BuildService builds, Context context, HttpServerResponse response, String buildId) {
        this.builds = builds;
        this.context = context;
        this.response = response;
        this.buildId = buildId;
    }

    /** Streams the events of {@code buildId} from sequence {@code from}; completes when the stream ends. */
    static Future<Void> serve(BuildService builds, Context context, HttpServerResponse response, String buildId,
                              long from) {
        EventStream stream = new EventStream(builds, context, response, buildId);
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache")
                .closeHandler(v -> stream.close());
        response.write(": build " + buildId + "\n\n");
        long keepalive = context.owner().setPeriodic(KEEPALIVE_MILLIS, id -> stream.keepalive());
        stream.pump(from);
        return stream.done.future().eventually(() -> {
            context.owner().cancelTimer(keepalive);
            return Future.succeededFuture();
        });
    }

    private void pump(long from) {
        if (closed) {
            done.tryComplete();
            return;
        }
        Future.fromCompletionStage(builds.readEventsAsync(buildId, from, BATCH), context)
                .onSuccess(this::write)
                .onFailure(this::abort);
    }

    private void close() {
        closed = true;
        done.tryComplete();
    }

    private void keepalive() {
        if (!closed && !response.ended()) {
            response.write(": keepalive\n\n").onFailure(failure -> close());
        }
    }

    private void write(EventBatch batch) {
        if (closed) {
            return;
        }
        for (LoggedEvent logged : batch.events()) {
            Dtos.Event event = Dtos.Event.of(logged.event());
            response.write("id: " + logged.sequence() + "\nevent: " + event.type() + "\ndata: "
                    + ApiJson.write(event) + "\n\n");
            if (logged.event().isFinal()) {
                response.end();
                done.tryComplete();
                return;
            }
        }
        pump(batch.next());
    }

    private void abort(Throwable failure) {
        log.warn("could not stream the events of build {}: {}", buildId, failure.toString());
        if (!response.ended()) {
            response.reset();
        }
        done.tryFail(failure);
    }
}
