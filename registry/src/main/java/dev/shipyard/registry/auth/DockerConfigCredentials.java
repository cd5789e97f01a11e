package dev.shipyard.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Credentials from a Docker client config ({@code ~/.docker/config.json}): the {@code auths} section, each
 * entry with a base64 {@code auth} of {@code user:password} or with {@code username}/{@code password}.
 * Credential helpers ({@code credsStore}, {@code credHelpers}) are not run.
 */
public final class DockerConfigCredentials implements CredentialsProvider {
    private static final Logger LOG = LoggerFactory.getLogger(DockerConfigCredentials.class);
    private final Map<String, Credentials> byRegistry;

    private DockerConfigCredentials(Map<String, Credentials> byRegistry) {
        this.byRegistry = Map.copyOf(byRegistry);
    }

    /** The file named by {@code DOCKER_CONFIG} (a directory) or {@code ~/.docker/config.json}; empty when absent. */
    public static DockerConfigCredentials fromDefaultLocation() {
        String dir = System.getenv("DOCKER_CONFIG");
        Path file = dir != null ? Path.of(dir, "config.json") : Path.of(System.getProperty("user.home"), ".docker", "config.json");
        return Files.isRegularFile(file) ? load(file) : new DockerConfigCredentials(Map.of());
    }

    /** Reads a config file; a file that is not valid JSON fails, naming the file. */
    public static DockerConfigCredentials load(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read Docker credentials from " + file + ": " + e.getMessage(), e);
        }
    }

    static DockerConfigCredentials parse(byte[] json, String where) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        Map<String, Credentials> found = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> auths = root.path("auths").fields();
        while (auths.hasNext()) {
            Map.Entry<String, JsonNode> entry = auths.next();
            credentialsOf(entry.getValue(), entry.getKey(), where)
                    .ifPresent(c -> found.put(normalizeKey(entry.getKey()), c));
        }
        if (root.has("credsStore") || root.has("credHelpers")) {
            LOG.debug("{} names credential helpers; Shipyard reads only the auths section", where);
        }
        return new DockerConfigCredentials(found);
    }

    private static Optional<Credentials> credentialsOf(JsonNode entry, String key, String where) {
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid auth for " + key + " in " + where + ": not base64", e);
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("invalid auth for " + key + " in " + where + ": expected base64 of user:password");
            }
            return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
        String user = entry.path("username").asText("");
        if (!user.isEmpty()) {
            return Optional.of(new Credentials(user, entry.path("password").asText("")));
        }
        return Optional.empty();
    }

    /** {@code https://index.docker.io/v1/} is Docker Hub; other keys may carry a scheme and a path. */
    static String normalizeKey(String key) {
        String host = key;
        if (key.contains("://")) {
            host = URI.create(key).getRawAuthority();
        } else if (key.contains("/")) {
            host = key.substring(0, key.indexOf('/'));
        }
        return host.equals("index.docker.io") || host.equals("registry-1.docker.io") ? "docker.io" : host;
    }

    @Override
    public Optional<Credentials> lookup(String registry) {
        return Optional.ofNullable(byRegistry.get(normalizeKey(registry)));
    }
}
