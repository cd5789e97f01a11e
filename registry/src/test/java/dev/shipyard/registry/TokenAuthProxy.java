package dev.shipyard.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token service and an authorizing front for a real registry, as the distribution token protocol describes:
 * {@code /v2/} requests without a token that grants {@code repository:<name>:pull} (reads) or {@code push} (writes)
 * get a 401 {@code Bearer} challenge; {@code /token} grants pull to anyone and push only with Basic
 * credentials; granted requests are forwarded to the registry.
 */
final class TokenAuthProxy implements AutoCloseable {
    private static final List<String> FORWARDED = List.of("Accept", "Content-Type", "Content-Range", "Range");
    private final HttpServer server;
    private final String upstream;
    private final String credentials;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Set<String>> grants = new ConcurrentHashMap<>();
    final AtomicInteger tokensIssued = new AtomicInteger();

    TokenAuthProxy(String upstreamHost, String user, String password) throws IOException {
        this.upstream = upstreamHost;
        this.credentials = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/v2/", this::forward);
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void token(HttpExchange ex) throws IOException {
        try (ex) {
            Set<String> granted = new HashSet<>();
            boolean authenticated = credentials.equals(ex.getRequestHeaders().getFirst("Authorization"));
            for (String param : ex.getRequestURI().getRawQuery().split("&")) {
                if (param.startsWith("scope=")) {
                    String[] scope = URLDecoder.decode(param.substring(6), StandardCharsets.UTF_8).split(":");
                    for (String action : scope[2].split(",")) {
                        if (action.equals("pull") || authenticated) {
                            granted.add(scope[1] + ":" + action);
                        }
                    }
                }
            }
            String token = "t" + tokensIssued.incrementAndGet();
            grants.put(token, granted);
            send(ex, 200, ("{\"token\":\"" + token + "\",\"expires_in\":300,\"issued_at\":\"" + Instant.now() + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private void forward(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            int end = path.indexOf("/blobs/") > 0 ? path.indexOf("/blobs/") : path.indexOf("/manifests/");
            String repo = end > 0 ? path.substring(4, end) : "";
            boolean read = ex.getRequestMethod().equals("GET") || ex.getRequestMethod().equals("HEAD");
            String needed = repo + ":" + (read ? "pull" : "push");
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            Set<String> granted = auth != null && auth.startsWith("Bearer ") ? grants.get(auth.substring(7)) : null;
            if (granted == null || !granted.contains(needed)) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host() + "/token\",service=\"proxy\","
                        + "scope=\"repository:" + needed.replace(":push", ":pull,push") + "\"");
                send(ex, 401, new byte[0]);
                return;
            }
            proxy(ex);
        }
    }

    private void proxy(HttpExchange ex) throws IOException {
        String query = ex.getRequestURI().getRawQuery();
        URI target = URI.create("http://" + upstream + ex.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
        byte[] body = ex.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(target).method(ex.getRequestMethod(),
                body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        FORWARDED.forEach(h -> {
            String v = ex.getRequestHeaders().getFirst(h);
            if (v != null) {
                request.header(h, v);
            }
        });
        HttpResponse<byte[]> r;
        try {
            r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        r.headers().map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")
                    && !name.equalsIgnoreCase("connection") && !name.equals(":status")) {
                values.forEach(v -> ex.getResponseHeaders().add(name, v.replace(upstream, host())));
            }
        });
        if (ex.getRequestMethod().equals("HEAD")) {
            r.headers().firstValue("Content-Length").ifPresent(v -> ex.getResponseHeaders().set("Content-Length", v));
            ex.sendResponseHeaders(r.statusCode(), -1);
            return;
        }
        send(ex, r.statusCode(), r.body());
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
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
