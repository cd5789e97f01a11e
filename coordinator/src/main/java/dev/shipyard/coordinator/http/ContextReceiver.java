package dev.shipyard.coordinator.http;

import dev.shipyard.coordinator.build.BuildException;
import dev.shipyard.coordinator.build.ReceivedContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.util.Map;

/**
 * Spools a request body to a file as it arrives, counting it on the way, never holding it whole; refuses it as
 * too large as soon as it passes the limit. Hashing waits for the blocking check that reads the file anyway, so
 * the event loop never spends its time on SHA-256.
 */
final class ContextReceiver {
    private final Vertx vertx;
    private final HttpServerRequest request;
    private final long maxBytes;
    private final Promise<ReceivedContext> result = Promise.promise();
    private long size;
    private Path path;
    private AsyncFile file;

    private ContextReceiver(Vertx vertx, HttpServerRequest request, long maxBytes) {
        this.vertx = vertx;
        this.request = request;
        this.maxBytes = maxBytes;
    }

    /** Receives the body of {@code request} into a new file under {@code dir}; the caller deletes the file. */
    static Future<ReceivedContext> receive(Vertx vertx, HttpServerRequest request, Path dir, long maxBytes) {
        long announced = announcedLength(request.getHeader("Content-Length"));
        if (announced > maxBytes) {
            return Future.failedFuture(tooLarge(announced, maxBytes));
        }
        request.pause();
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            // Only now that the parameters and the announced size are checked is the body worth sending.
            request.response().writeContinue();
        }
        ContextReceiver receiver = new ContextReceiver(vertx, request, maxBytes);
        return vertx.fileSystem().mkdirs(dir.toString())
                .compose(v -> vertx.fileSystem().createTempFile(dir.toString(), "context-", ".tar", (String) null))
                .compose(receiver::start);
    }

    private Future<ReceivedContext> start(String tempFile) {
        path = Path.of(tempFile);
        return vertx.fileSystem().open(tempFile, new OpenOptions().setWrite(true).setTruncateExisting(true))
                .compose(opened -> {
                    file = opened;
                    request.handler(this::chunk);
                    request.exceptionHandler(this::fail);
                    request.endHandler(v -> file.close().onComplete(closed -> finish(closed.cause())));
                    request.resume();
                    return result.future();
                }, failure -> {
                    vertx.fileSystem().delete(tempFile);
                    return Future.failedFuture(failure);
                });
    }

    private void chunk(Buffer buffer) {
        size += buffer.length();
        if (size > maxBytes) {
            request.pause();
            fail(tooLarge(size, maxBytes));
            return;
        }
        file.write(buffer);
        if (file.writeQueueFull()) {
            request.pause();
            file.drainHandler(v -> request.resume());
        }
    }

    private void finish(Throwable closeFailure) {
        if (closeFailure != null) {
            fail(closeFailure);
        } else {
            result.tryComplete(new ReceivedContext(path, size));
        }
    }

    private void fail(Throwable failure) {
        if (result.tryFail(failure)) {
            file.close().onComplete(v -> vertx.fileSystem().delete(path.toString()));
        }
    }

    private static long announcedLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw BuildException.invalid("Content-Length must be a number, got \"" + header + "\"");
        }
    }

    private static BuildException tooLarge(long size, long maxBytes) {
        return new BuildException(BuildException.Kind.TOO_LARGE, "build context is larger than " + maxBytes
                + " bytes: shrink it with a .dockerignore or raise coordinator.context.max-size",
                Map.of("maxBytes", maxBytes, "receivedBytes", size));
    }
}
