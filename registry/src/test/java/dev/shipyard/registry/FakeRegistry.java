package dev.shipyard.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.shipyard.oci.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small read-only registry for fault tests: serves manifests and blobs from maps and can answer 5xx first,
 * cut a blob mid-way, serve wrong bytes, or demand a Bearer token issued by its own {@code /token} endpoint.
 */
final class FakeRegistry implements AutoCloseable {
    record Request(String method, String path, String query, String range, String authorization) {
    }

    private record Manifest(String mediaType, byte[] bytes) {
    }

    private final HttpServer server;
    private final Map<String, Manifest> manifests = new ConcurrentHashMap<>();
    private final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Map<Digest, Integer> truncateAt = new ConcurrentHashMap<>();
    private final Map<Digest, byte[]> corrupt = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile String challenge;
    private volatile boolean bearer;
    private volatile boolean rangeSupported = true;

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    FakeRegistry manifest(String repo, String reference, String mediaType, byte[] bytes) {
        manifests.put(repo + "@" + reference, new Manifest(mediaType, bytes));
        manifests.put(repo + "@" + Digest.sha256(bytes), new Manifest(mediaType, bytes));
        return this;
    }

    Digest blob(byte[] bytes) {
        Digest d = Digest.sha256(bytes);
        blobs.put(d, bytes);
        return d;
    }

    /** The next {@code times} requests whose path ends with {@code pathSuffix} answer {@code 500}. */
    void failNext(String pathSuffix, int times) {
        failures.put(pathSuffix, new AtomicInteger(times));
    }

    /** The first download of the blob ends after {@code bytes} bytes. */
    void truncateOnce(Digest digest, int bytes) {
        truncateAt.put(digest, bytes);
    }

    void serveInstead(Digest digest, byte[] wrong) {
        corrupt.put(digest, wrong);
    }

    void ignoreRange() {
        rangeSupported = false;
    }

    /** Every /v2/ request needs a token from {@code /token}. */
    void requireBearer() {
        bearer = true;
    }

    /** Every /v2/ request answers 401 with this {@code WWW-Authenticate} value. */
    void challengeWith(String header) {
        challenge = header;
    }

    long count(String method, String pathPart) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().contains(pathPart)).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(),
                    ex.getRequestHeaders().getFirst("Range"), auth));
            if (path.equals("/token")) {
                tokensIssued.incrementAndGet();
                send(ex, 200, "application/json", ("{\"token\":\"tok-" + tokensIssued.get() + "\",\"expires_in\":300}")
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (challenge != null) {
                ex.getResponseHeaders().add("WWW-Authenticate", challenge);
                send(ex, 401, "application/json", new byte[0]);
                return;
            }
            if (bearer && (auth == null || !auth.equals("Bearer tok-" + tokensIssued.get()))) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host()
                        + "/token\",service=\"fake\",scope=\"repository:x:pull\"");
                send(ex, 401, "application/json", new byte[0]);
                return;
            }
            for (Map.Entry<String, AtomicInteger> f : failures.entrySet()) {
                if (path.endsWith(f.getKey()) && f.getValue().getAndDecrement() > 0) {
                    send(ex, 500, "application/json", "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"boom\"}]}"
                            .getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            route(ex, path);
        }
    }

    private void route(HttpExchange ex, String path) throws IOException {
        int manifestsAt = path.indexOf("/manifests/");
        int blobsAt = path.indexOf("/blobs/");
        if (manifestsAt > 0) {
            Manifest m = manifests.get(path.substring(4, manifestsAt) + "@" + path.substring(manifestsAt + 11));
            if (m == null) {
                send(ex, 404, "application/json", "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"unknown\"}]}"
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            ex.getResponseHeaders().add("Docker-Content-Digest", Digest.sha256(m.bytes()).toString());
            send(ex, 200, m.mediaType(), m.bytes());
        } else if (blobsAt > 0) {
            serveBlob(ex, Digest.parse(path.substring(blobsAt + 7)));
        } else {
            send(ex, 404, "text/plain", new byte[0]);
        }
    }

    private void serveBlob(HttpExchange ex, Digest digest) throws IOException {
        byte[] bytes = corrupt.getOrDefault(digest, blobs.get(digest));
        if (bytes == null) {
            send(ex, 404, "application/json", new byte[0]);
            return;
        }
        String range = ex.getRequestHeaders().getFirst("Range");
        Integer cut = truncateAt.remove(digest);
        if (cut != null) {
            // Chunked, so the response ends cleanly but short: what a proxy or registry that dies mid-blob produces.
            ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes, 0, cut);
            }
            return;
        }
        if (range != null && rangeSupported && !ex.getRequestMethod().equals("HEAD")) {
            int from = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
            byte[] rest = java.util.Arrays.copyOfRange(bytes, from, bytes.length);
            send(ex, 206, "application/octet-stream", rest);
            return;
        }
        send(ex, 200, "application/octet-stream", bytes);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().set("Content-Length", String.valueOf(body.length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
