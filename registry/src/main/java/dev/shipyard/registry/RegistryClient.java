package dev.shipyard.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipyard.cache.blob.BlobInfo;
import dev.shipyard.cache.blob.BlobStore;
import dev.shipyard.cache.blob.DigestMismatchException;
import dev.shipyard.config.Settings;
import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.ImageReference;
import dev.shipyard.oci.MediaTypes;
import dev.shipyard.registry.auth.CredentialsProvider;
import dev.shipyard.registry.auth.DockerConfigCredentials;
import dev.shipyard.registry.auth.RegistryAuthException;
import dev.shipyard.registry.auth.RegistryAuthenticator;
import dev.shipyard.registry.auth.SettingsCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the OCI distribution API v2: resolves and fetches manifests, streams blobs into a
 * {@link BlobStore} (verified, resumed with {@code Range} after a broken connection), checks, mounts and uploads
 * blobs, and puts manifests. Thread-safe; one instance serves every registry.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md">OCI distribution spec</a>
 */
public final class RegistryClient {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);
    static final String MANIFEST_ACCEPT = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST,
            MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST);
    /** Larger manifests are refused, as containerd does, so a hostile registry cannot exhaust memory. */
    private static final int MAX_MANIFEST_BYTES = 4 << 20;
    private static final int MAX_REDIRECTS = 5;

    /** What {@link #pushBlob} had to do. */
    public enum PushOutcome { EXISTED, MOUNTED, UPLOADED }

    private final RegistryConfig config;
    private final HttpClient http;
    private final RegistryAuthenticator auth;
    private final ObjectMapper json = new ObjectMapper();

    public RegistryClient(RegistryConfig config, CredentialsProvider credentials) {
        this(config, credentials, Clock.systemUTC());
    }

    public RegistryClient(RegistryConfig config, CredentialsProvider credentials, Clock clock) {
        this.config = config;
        // HTTP/1.1: registries on plain HTTP do not speak h2c, and blob streams need no multiplexing.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(30)).build();
        this.auth = new RegistryAuthenticator(http, credentials, clock);
    }

    /** A client configured from {@code registry.*} settings, with credentials from settings, then ~/.docker/config.json. */
    public static RegistryClient fromSettings(Settings settings) {
        return new RegistryClient(RegistryConfig.fromSettings(settings), CredentialsProvider.firstOf(
                List.of(new SettingsCredentials(settings), DockerConfigCredentials.fromDefaultLocation())));
    }

    public RegistryConfig config() {
        return config;
    }

    /** The descriptor of the manifest or index {@code ref} names, verified against a pinned digest. */
    public Descriptor resolve(ImageReference ref) throws IOException {
        return onPullEndpoints(ref, "resolve " + ref, base -> withRetries("resolve " + ref, () -> head(base, ref)));
    }

    private Descriptor head(URI base, ImageReference ref) throws IOException {
        HttpResponse<byte[]> r = exchange(base, ref.registry(), pullScope(ref),
                () -> request(manifestUri(base, ref)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .header("Accept", MANIFEST_ACCEPT), BodyHandlers.ofByteArray());
        expect(r, "resolve " + ref, 200);
        Optional<String> digest = r.headers().firstValue("Docker-Content-Digest");
        Optional<String> type = r.headers().firstValue("Content-Type").map(RegistryClient::bareMediaType)
                .filter(t -> MediaTypes.isIndex(t) || MediaTypes.isManifest(t));
        if (digest.isEmpty() || type.isEmpty()) {
            return get(base, ref).descriptor();
        }
        Digest served = Digest.parse(digest.get());
        checkPinned(ref, served);
        return new Descriptor(type.get(), served, r.headers().firstValueAsLong("Content-Length").orElse(0));
    }

    /** The manifest or index {@code ref} names, its digest computed over the bytes served and checked against the pin. */
    public RawManifest fetchManifest(ImageReference ref) throws IOException {
        return onPullEndpoints(ref, "fetch manifest " + ref, base -> withRetries("fetch manifest " + ref, () -> get(base, ref)));
    }

    private RawManifest get(URI base, ImageReference ref) throws IOException {
        HttpResponse<byte[]> r = exchange(base, ref.registry(), pullScope(ref),
                () -> request(manifestUri(base, ref)).GET().header("Accept", MANIFEST_ACCEPT), BodyHandlers.ofByteArray());
        expect(r, "fetch manifest " + ref, 200);
        byte[] bytes = r.body();
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw new RegistryException("could not fetch manifest " + ref + ": " + bytes.length + " bytes is more than the "
                    + MAX_MANIFEST_BYTES + " a manifest may have");
        }
        Digest actual = Digest.sha256(bytes);
        checkPinned(ref, actual);
        Optional<String> announced = r.headers().firstValue("Docker-Content-Digest");
        if (announced.isPresent() && !announced.get().equals(actual.toString())) {
            throw new RegistryException("could not fetch manifest " + ref + ": registry " + base.getAuthority()
                    + " announced digest " + announced.get() + " but the bytes it served hash to " + actual);
        }
        return new RawManifest(actual, mediaTypeOf(r, bytes, ref), bytes);
    }

    private static void checkPinned(ImageReference ref, Digest actual) throws RegistryException {
        if (ref.digest() != null && !ref.digest().equals(actual)) {
            throw new RegistryException("could not fetch manifest " + ref + ": manifest digest mismatch, the reference pins "
                    + ref.digest() + " but registry " + ref.registry() + " served " + actual);
        }
    }

    private String mediaTypeOf(HttpResponse<byte[]> r, byte[] bytes, ImageReference ref) throws IOException {
        String header = r.headers().firstValue("Content-Type").map(RegistryClient::bareMediaType).orElse("");
        if (MediaTypes.isIndex(header) || MediaTypes.isManifest(header)) {
            return header;
        }
        JsonNode node;
        try {
            node = json.readTree(bytes);
        } catch (IOException e) {
            throw new RegistryException("could not fetch manifest " + ref + ": the registry served no JSON", e);
        }
        String declared = node.path("mediaType").asText("");
        if (!declared.isEmpty()) {
            return declared;
        }
        return node.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    }

    /** Whether the repository of {@code repo} holds the blob. */
    public boolean blobExists(ImageReference repo, Digest digest) throws IOException {
        return onPullEndpoints(repo, "check blob " + digest, base -> blobExists(base, repo, digest, pullScope(repo)));
    }

    boolean blobExists(URI base, ImageReference repo, Digest digest, String scope) throws IOException {
        String what = "check blob " + digest + " in " + repo.name();
        return withRetries(what, () -> {
            HttpResponse<byte[]> r = exchange(base, repo.registry(), scope,
                    () -> request(blobUri(base, repo, digest)).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                    BodyHandlers.ofByteArray());
            expect(r, what, 200, 404);
            return r.statusCode() == 200;
        });
    }

    /**
     * Downloads a blob into {@code store} unless it is there already. The bytes are hashed while streaming;
     * a blob with the wrong digest fails with a {@link RegistryException} and leaves nothing in the store.
     */
    public BlobInfo fetchBlob(ImageReference repo, Descriptor blob, BlobStore store) throws IOException {
        Optional<BlobInfo> present = store.stat(blob.digest());
        if (present.isPresent()) {
            return present.get();
        }
        return onPullEndpoints(repo, "fetch blob " + blob.digest(), base -> withRetries("fetch blob " + blob.digest(), () -> {
            try (InputStream in = openBlob(base, repo, blob)) {
                return store.put(blob.digest(), in, blob.size());
            } catch (DigestMismatchException e) {
                throw new RegistryException("could not fetch blob " + blob.digest() + " of " + repo.name()
                        + ": registry " + base.getAuthority() + " served content with the wrong digest (" + e.getMessage() + ")", e);
            }
        }));
    }

    /** Opens a blob for streaming; the stream resumes broken downloads and fails at its end on a digest mismatch. */
    public InputStream openBlob(ImageReference repo, Descriptor blob) throws IOException {
        return onPullEndpoints(repo, "fetch blob " + blob.digest(), base -> openBlob(base, repo, blob));
    }

    private InputStream openBlob(URI base, ImageReference repo, Descriptor blob) throws IOException {
        String where = "registry " + base.getAuthority() + " (" + repo.repository() + ")";
        return new ResumingBlobStream(blob, where, offset -> withRetries("fetch blob " + blob.digest(),
                () -> openBlobAt(base, repo, blob.digest(), offset)), config.maxAttempts());
    }

    private InputStream openBlobAt(URI base, ImageReference repo, Digest digest, long offset) throws IOException {
        URI uri = blobUri(base, repo, digest);
        Supplier<HttpRequest.Builder> get = () -> withRange(request(uri).GET(), offset);
        HttpResponse<InputStream> r = exchange(base, repo.registry(), pullScope(repo), get,
                IdleTimeoutBody.handler(config.idleTimeout()));
        for (int hops = 0; isRedirect(r.statusCode()) && hops < MAX_REDIRECTS; hops++) {
            URI next = r.uri().resolve(r.headers().firstValue("Location").orElseThrow(() ->
                    new RegistryException("could not fetch blob " + digest + ": redirect without Location")));
            r.body().close();
            // The target (often object storage with a signed URL) must not see the registry's credentials.
            r = send(withRange(request(next).GET(), offset).build(), IdleTimeoutBody.handler(config.idleTimeout()));
        }
        if (r.statusCode() != 200 && r.statusCode() != 206) {
            try (InputStream ignored = r.body()) {
                throw statusError(r.statusCode(), "fetch blob " + digest + " of " + repo.name(), "");
            }
        }
        InputStream body = r.body();
        if (offset > 0 && r.statusCode() == 200) {
            LOG.debug("registry ignored the Range request for {}; skipping {} bytes", digest.shortHex(), offset);
            body.skipNBytes(offset);
        }
        return body;
    }

    private static HttpRequest.Builder withRange(HttpRequest.Builder b, long offset) {
        return offset > 0 ? b.header("Range", "bytes=" + offset + "-") : b;
    }

    /**
     * Makes the blob present in {@code repo}: nothing when it already is, a cross-repository mount when one of
     * {@code mountFrom} (repositories of the same registry) holds it, otherwise an upload from {@code source}
     * (monolithic, or in PATCH chunks above {@link RegistryConfig#chunkSize()}).
     */
    public PushOutcome pushBlob(ImageReference repo, Descriptor blob, BlobStore source, Collection<String> mountFrom)
            throws IOException {
        URI base = config.endpoint(repo.registry());
        String scope = pushScope(repo);
        if (blobExists(base, repo, blob.digest(), scope)) {
            return PushOutcome.EXISTED;
        }
        return withRetries("push blob " + blob.digest() + " to " + repo.name(), () -> {
            for (String from : mountFrom) {
                if (!from.equals(repo.repository())) {
                    Optional<URI> session = mount(base, repo, blob.digest(), from);
                    if (session.isEmpty()) {
                        LOG.debug("mounted {} into {} from {}", blob.digest().shortHex(), repo.repository(), from);
                        return PushOutcome.MOUNTED;
                    }
                    upload(base, repo, blob, source, session.get(), scope + " repository:" + from + ":pull");
                    return PushOutcome.UPLOADED;
                }
            }
            upload(base, repo, blob, source, startUpload(base, repo, "", scope), scope);
            return PushOutcome.UPLOADED;
        });
    }

    /** Empty when the registry mounted the blob; else the upload session it opened instead. */
    private Optional<URI> mount(URI base, ImageReference repo, Digest digest, String from) throws IOException {
        String scope = pushScope(repo) + " repository:" + from + ":pull";
        String query = "?mount=" + encode(digest.toString()) + "&from=" + encode(from);
        HttpResponse<byte[]> r = post(base, repo, query, scope);
        expect(r, "mount blob " + digest + " from " + from + " into " + repo.name(), 201, 202);
        return r.statusCode() == 201 ? Optional.empty() : Optional.of(location(r, base));
    }

    private URI startUpload(URI base, ImageReference repo, String query, String scope) throws IOException {
        HttpResponse<byte[]> r = post(base, repo, query, scope);
        expect(r, "start an upload to " + repo.name(), 202);
        return location(r, base);
    }

    private HttpResponse<byte[]> post(URI base, ImageReference repo, String query, String scope) throws IOException {
        URI uri = URI.create(base + "/v2/" + repo.repository() + "/blobs/uploads/" + query);
        return exchange(base, repo.registry(), scope,
                () -> request(uri).POST(HttpRequest.BodyPublishers.noBody()), BodyHandlers.ofByteArray());
    }

    private void upload(URI base, ImageReference repo, Descriptor blob, BlobStore source, URI session, String scope)
            throws IOException {
        String what = "upload blob " + blob.digest() + " to " + repo.name();
        URI finish = session;
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (blob.size() <= config.chunkSize()) {
            body = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
                try {
                    return source.open(blob.digest());
                } catch (IOException e) {
                    throw new UncheckedIOException("could not read blob " + blob.digest() + " to upload it", e);
                }
            }), blob.size());
        } else {
            finish = uploadChunks(base, repo, blob, source, session, scope, what);
        }
        HttpRequest.BodyPublisher finalBody = body;
        URI put = withQuery(finish, "digest=" + encode(blob.digest().toString()));
        HttpResponse<byte[]> r = exchange(base, repo.registry(), scope, () -> request(put).PUT(finalBody)
                .header("Content-Type", "application/octet-stream"), BodyHandlers.ofByteArray());
        expect(r, what, 201);
        Optional<String> stored = r.headers().firstValue("Docker-Content-Digest");
        if (stored.isPresent() && !stored.get().equals(blob.digest().toString())) {
            throw new RegistryException("could not " + what + ": the registry stored it as " + stored.get());
        }
    }

    private URI uploadChunks(URI base, ImageReference repo, Descriptor blob, BlobStore source, URI session,
                             String scope, String what) throws IOException {
        URI next = session;
        byte[] buffer = new byte[(int) Math.min(config.chunkSize(), Integer.MAX_VALUE - 8)];
        try (InputStream in = source.open(blob.digest())) {
            long offset = 0;
            while (offset < blob.size()) {
                int n = in.readNBytes(buffer, 0, (int) Math.min(buffer.length, blob.size() - offset));
                if (n == 0) {
                    throw new RegistryException("could not " + what + ": the store holds only " + offset + " of "
                            + blob.size() + " bytes");
                }
                URI patch = next;
                String range = offset + "-" + (offset + n - 1);
                HttpResponse<byte[]> r = exchange(base, repo.registry(), scope, () -> request(patch)
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(buffer, 0, n))
                        .header("Content-Type", "application/octet-stream").header("Content-Range", range),
                        BodyHandlers.ofByteArray());
                expect(r, what + " (bytes " + range + ")", 202);
                next = location(r, base);
                offset += n;
            }
        }
        return next;
    }

    /** Puts a manifest under the reference's tag (or digest) and returns its digest. */
    public Digest putManifest(ImageReference ref, byte[] manifest, String mediaType) throws IOException {
        URI base = config.endpoint(ref.registry());
        Digest digest = Digest.sha256(manifest);
        String what = "put manifest " + ref;
        return withRetries(what, () -> {
            HttpResponse<byte[]> r = exchange(base, ref.registry(), pushScope(ref),
                    () -> request(manifestUri(base, ref)).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest))
                            .header("Content-Type", mediaType), BodyHandlers.ofByteArray());
            expect(r, what, 201);
            Optional<String> stored = r.headers().firstValue("Docker-Content-Digest");
            if (stored.isPresent() && !stored.get().equals(digest.toString())) {
                throw new RegistryException("could not " + what + ": the registry stored it as " + stored.get()
                        + " instead of " + digest);
            }
            return digest;
        });
    }

    // --- transport ---

    @FunctionalInterface
    interface IoCall<T> {
        T call() throws IOException;
    }

    @FunctionalInterface
    interface EndpointCall<T> {
        T call(URI base) throws IOException;
    }

    /** Tries each mirror, then the registry; a failing mirror is logged and skipped. */
    private <T> T onPullEndpoints(ImageReference ref, String what, EndpointCall<T> call) throws IOException {
        List<URI> endpoints = config.pullEndpoints(ref.registry());
        for (URI mirror : endpoints.subList(0, endpoints.size() - 1)) {
            try {
                return call.call(mirror);
            } catch (IOException e) {
                LOG.info("could not {} from mirror {}: {}; trying the next", what, mirror, e.getMessage());
            }
        }
        return call.call(endpoints.get(endpoints.size() - 1));
    }

    /** Runs {@code call}, again after a growing pause when it fails in a way that may pass. */
    <T> T withRetries(String what, IoCall<T> call) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (IOException e) {
                if (!isRetriable(e) || attempt >= config.maxAttempts()) {
                    throw e;
                }
                Duration pause = config.backoff().multipliedBy(1L << Math.min(attempt - 1, 10));
                LOG.info("could not {} (attempt {} of {}): {}; retrying in {} ms", what, attempt, config.maxAttempts(),
                        e.getMessage(), pause.toMillis());
                sleep(pause);
            }
        }
    }

    private static boolean isRetriable(IOException e) {
        if (e instanceof RetriableRegistryException) {
            return true;
        }
        return !(e instanceof RegistryException) && !(e instanceof RegistryAuthException)
                && !(e instanceof DigestMismatchException);
    }

    private static void sleep(Duration pause) throws IOException {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to retry", e);
        }
    }

    /** One request, answering a 401 challenge once; an auth failure names the registry and the scope. */
    private <T> HttpResponse<T> exchange(URI base, String registry, String scope, Supplier<HttpRequest.Builder> request,
                                         BodyHandler<T> handler) throws IOException {
        HttpRequest.Builder first = request.get();
        Optional<String> known = auth.authorization(registry, scope);
        known.ifPresent(h -> first.header("Authorization", h));
        HttpResponse<T> r = send(first.build(), handler);
        boolean answered = false;
        if (r.statusCode() == 401) {
            discard(r);
            String authorization = auth.authorize(registry, scope, r.headers().firstValue("WWW-Authenticate").orElse(null),
                    known.orElse(null));
            r = send(request.get().header("Authorization", authorization).build(), handler);
            answered = true;
        }
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            discard(r);
            auth.forget(registry, scope);
            throw new RegistryAuthException("could not authenticate to registry " + registry + " (" + base.getAuthority()
                    + ") for " + scope + ": " + (answered ? "the credentials were rejected" : "access denied")
                    + " (HTTP " + r.statusCode() + ")");
        }
        return r;
    }

    private static void discard(HttpResponse<?> r) {
        if (r.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException e) {
                LOG.debug("closing an unused response body failed: {}", e.getMessage());
            }
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + request.uri(), e);
        }
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(config.requestTimeout()).header("User-Agent", "shipyard/0.1");
    }

    private void expect(HttpResponse<byte[]> r, String what, int... accepted) throws RegistryException {
        for (int code : accepted) {
            if (r.statusCode() == code) {
                return;
            }
        }
        throw statusError(r.statusCode(), what, errorDetail(r.body()));
    }

    private static RegistryException statusError(int status, String what, String detail) {
        String message = "could not " + what + ": the registry answered HTTP " + status + detail;
        return status >= 500 || status == 429 ? new RetriableRegistryException(message) : new RegistryException(message);
    }

    /** The first error of a distribution error body ({@code {"errors":[{"code":..,"message":..}]}}), if any. */
    private String errorDetail(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            JsonNode first = json.readTree(body).path("errors").path(0);
            return first.isMissingNode() ? "" : " (" + first.path("code").asText() + ": " + first.path("message").asText() + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI location(HttpResponse<?> r, URI base) throws RegistryException {
        String location = r.headers().firstValue("Location").orElseThrow(() ->
                new RegistryException("the registry at " + base.getAuthority() + " opened an upload without a Location"));
        return base.resolve(location);
    }

    private static URI withQuery(URI uri, String param) {
        return URI.create(uri + (uri.getRawQuery() == null ? "?" : "&") + param);
    }

    private static URI manifestUri(URI base, ImageReference ref) {
        return URI.create(base + "/v2/" + ref.repository() + "/manifests/" + ref.manifestReference());
    }

    private static URI blobUri(URI base, ImageReference repo, Digest digest) {
        return URI.create(base + "/v2/" + repo.repository() + "/blobs/" + digest);
    }

    static String pullScope(ImageReference ref) {
        return "repository:" + ref.repository() + ":pull";
    }

    static String pushScope(ImageReference ref) {
        return "repository:" + ref.repository() + ":pull,push";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String bareMediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    }
}
