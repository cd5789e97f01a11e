package dev.shipyard.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers registry challenges: Basic with stored credentials, Bearer by fetching a token from the
 * challenge's realm (anonymously or with credentials) and caching it per registry and scope until it expires.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">token authentication</a>
 */
public final class RegistryAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryAuthenticator.class);
    /** The token spec's default lifetime when the server gives none. */
    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);
    /** Renew a little early so a token does not expire between cache lookup and use. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);

    private final HttpClient http;
    private final CredentialsProvider credentials;
    private final Clock clock;
    private final Map<String, CachedAuthorization> cache = new ConcurrentHashMap<>();
    private final Map<String, String> challenges = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    public RegistryAuthenticator(HttpClient http, CredentialsProvider credentials, Clock clock) {
        this.http = http;
        this.credentials = credentials;
        this.clock = clock;
    }

    private record CachedAuthorization(String header, Instant expires) {
    }

    /**
     * The {@code Authorization} header value to send up front: a cached one while valid, else a fresh token when the
     * registry challenged before (saving the round trip of an unauthenticated request), else none.
     */
    public Optional<String> authorization(String registry, String scope) throws IOException {
        CachedAuthorization hit = cache.get(registry + " " + scope);
        if (hit != null && clock.instant().isBefore(hit.expires())) {
            return Optional.of(hit.header());
        }
        String challenge = challenges.get(registry);
        return challenge == null ? Optional.empty() : Optional.of(authorize(registry, scope, challenge, null));
    }

    /**
     * Answers a 401's {@code WWW-Authenticate} header and returns the {@code Authorization} value to retry with.
     *
     * @param scope space-separated token scopes such as {@code repository:library/ubuntu:pull}
     */
    public String authorize(String registry, String scope, String wwwAuthenticate) throws IOException {
        return authorize(registry, scope, wwwAuthenticate, null);
    }

    /**
     * As {@link #authorize(String, String, String)}, after a request sent with {@code refused} (or none) failed;
     * concurrent callers share one token fetch instead of each asking the token service.
     */
    public String authorize(String registry, String scope, String wwwAuthenticate, String refused) throws IOException {
        String key = registry + " " + scope;
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            CachedAuthorization hit = cache.get(key);
            if (hit != null && !hit.header().equals(refused) && clock.instant().isBefore(hit.expires())) {
                return hit.header();
            }
            return challengeAnswer(registry, scope, wwwAuthenticate);
        }
    }

    private String challengeAnswer(String registry, String scope, String wwwAuthenticate) throws IOException {
        Challenge challenge = Challenge.parse(wwwAuthenticate).orElseThrow(() -> new RegistryAuthException(
                "could not authenticate to registry " + registry + " for " + scope
                        + ": it answered 401 with an unusable challenge '" + wwwAuthenticate + "'"));
        Optional<Credentials> creds = credentials.lookup(registry);
        CachedAuthorization auth;
        if (challenge.isBasic()) {
            Credentials c = creds.orElseThrow(() -> new RegistryAuthException("could not authenticate to registry "
                    + registry + " for " + scope + ": it requires a user name and password; set registry.auth."
                    + registry + ".username and .password or log in with docker login"));
            auth = new CachedAuthorization(c.basicHeader(), Instant.MAX);
        } else if (challenge.isBearer()) {
            auth = fetchToken(registry, scope, challenge, creds);
        } else {
            throw new RegistryAuthException("could not authenticate to registry " + registry + " for " + scope
                    + ": unsupported authentication scheme '" + challenge.scheme() + "'");
        }
        cache.put(registry + " " + scope, auth);
        challenges.put(registry, wwwAuthenticate);
        return auth.header();
    }

    /** Drops what is cached for the registry and scope, after the registry rejected it. */
    public void forget(String registry, String scope) {
        cache.remove(registry + " " + scope);
    }

    private CachedAuthorization fetchToken(String registry, String scope, Challenge challenge, Optional<Credentials> creds)
            throws IOException {
        String realm = challenge.param("realm").orElseThrow(() -> new RegistryAuthException(
                "could not authenticate to registry " + registry + " for " + scope
                        + ": its Bearer challenge names no realm"));
        URI uri = tokenUri(realm, challenge.param("service"), scope.isEmpty() ? challenge.param("scope").orElse("") : scope);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(30));
        creds.ifPresent(c -> request.header("Authorization", c.basicHeader()));
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching a token from " + realm, e);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new RegistryAuthException("could not authenticate to registry " + registry + " for " + scope
                    + ": the token service " + realm + " refused " + (creds.isPresent()
                    ? "the credentials of " + creds.get().username() : "anonymous access") + " (HTTP " + response.statusCode() + ")");
        }
        if (response.statusCode() != 200) {
            throw new IOException("could not fetch a token for registry " + registry + " from " + realm
                    + ": HTTP " + response.statusCode());
        }
        return parseToken(registry, realm, response.body());
    }

    private CachedAuthorization parseToken(String registry, String realm, byte[] body) throws IOException {
        JsonNode node = json.readTree(body);
        String token = node.path("token").asText(node.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new RegistryAuthException("could not authenticate to registry " + registry
                    + ": the token service " + realm + " answered without a token");
        }
        long seconds = node.path("expires_in").asLong(0);
        Duration lifetime = seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_TOKEN_LIFETIME;
        Instant issued = clock.instant();
        if (node.hasNonNull("issued_at")) {
            try {
                issued = Instant.parse(node.get("issued_at").asText());
            } catch (DateTimeParseException e) {
                LOG.debug("token service {} gave an unreadable issued_at; counting from now", realm);
            }
        }
        return new CachedAuthorization("Bearer " + token, issued.plus(lifetime).minus(EXPIRY_MARGIN));
    }

    static URI tokenUri(String realm, Optional<String> service, String scope) {
        StringJoiner query = new StringJoiner("&");
        service.ifPresent(s -> query.add("service=" + URLEncoder.encode(s, StandardCharsets.UTF_8)));
        for (String s : scope.split(" ")) {
            if (!s.isBlank()) {
                query.add("scope=" + URLEncoder.encode(s, StandardCharsets.UTF_8));
            }
        }
        String q = query.toString();
        return URI.create(q.isEmpty() ? realm : realm + (realm.contains("?") ? "&" : "?") + q);
    }
}
