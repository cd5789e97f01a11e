package dev.shipyard.cache.blob.s3;

import dev.shipyard.cache.blob.RetriableStoreException;
import dev.shipyard.cache.blob.StoreAccessException;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns what the MinIO SDK throws into Shipyard's retriable or permanent store exceptions, naming endpoint and bucket. */
final class S3Errors {
    private static final Set<String> TRANSIENT_CODES = Set.of("SlowDown", "InternalError", "ServiceUnavailable",
            "RequestTimeout", "RequestTimeTooSkewed");
    private static final Set<String> DENIED_CODES = Set.of("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch",
            "AllAccessDisabled", "InvalidToken", "ExpiredToken");

    private static final Pattern RESPONSE_CODE = Pattern.compile("Response code: (\\d{3})");

    private final S3Config config;

    S3Errors(S3Config config) {
        this.config = config;
    }

    /** The S3 error code of {@code failure}, or empty when it is no S3 error response. */
    static String code(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof ErrorResponseException e ? e.errorResponse().code() : "";
    }

    /** The HTTP status behind {@code failure} when the SDK reports one, else 0. */
    static int status(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ErrorResponseException e && e.response() != null) {
            return e.response().code();
        }
        if (cause instanceof ServerException e) {
            return e.statusCode();
        }
        if (cause instanceof InvalidResponseException) {
            // the SDK keeps the status only in the message of a non-XML answer (an HTML error page, a proxy)
            Matcher m = RESPONSE_CODE.matcher(String.valueOf(cause.getMessage()));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        }
        return 0;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    IOException translate(String action, Throwable failure) {
        Throwable cause = unwrap(failure);
        String what = "could not " + action + " at S3 " + config.endpoint() + " bucket '" + config.bucket() + "'";
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException(what + ": interrupted");
            interrupted.initCause(cause);
            return interrupted;
        }
        if (cause instanceof ErrorResponseException e) {
            return fromErrorResponse(what, e);
        }
        if (cause instanceof ServerException e) {
            return e.statusCode() >= 500
                    ? new RetriableStoreException(what + ": server error " + e.statusCode(), e)
                    : new StoreAccessException(what + ": HTTP " + e.statusCode() + " " + e.getMessage(), e);
        }
        if (cause instanceof InvalidResponseException) {
            int status = status(cause);
            return status >= 500 && status != 501
                    ? new RetriableStoreException(what + ": server error " + status, cause)
                    : new IOException(what + ": unexpected answer (HTTP " + status + ")", cause);
        }
        if (cause instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
            return (InterruptedIOException) cause;
        }
        if (cause instanceof IOException) {
            return new RetriableStoreException(what + ": endpoint unreachable or connection lost (" + cause + ")", cause);
        }
        return new IOException(what + ": " + cause, cause);
    }

    private IOException fromErrorResponse(String what, ErrorResponseException e) {
        String code = e.errorResponse().code();
        int status = e.response() == null ? 0 : e.response().code();
        if (status >= 500 || TRANSIENT_CODES.contains(code)) {
            return new RetriableStoreException(what + ": " + code + " (HTTP " + status + ")", e);
        }
        if ("NoSuchBucket".equals(code)) {
            return new StoreAccessException(what + ": the bucket does not exist; create it or set "
                    + S3Config.BUCKET, e);
        }
        if (status == 403 || DENIED_CODES.contains(code)) {
            return new StoreAccessException(what + ": access denied (" + code + "); check " + S3Config.ACCESS_KEY
                    + " and " + S3Config.SECRET_KEY + " and the bucket policy", e);
        }
        return new IOException(what + ": " + code + " (HTTP " + status + "): " + e.errorResponse().message(), e);
    }
}
