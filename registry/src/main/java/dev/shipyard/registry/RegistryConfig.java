package dev.shipyard.registry;

import dev.shipyard.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How Shipyard talks to registries. Settings: {@code registry.insecure=host1,host2} (plain HTTP),
 * {@code registry.mirrors.docker.io=url1,url2} (pull mirrors of Docker Hub, tried in order before it, as Docker's
 * {@code registry-mirrors}), {@code registry.retries}, {@code registry.retry.backoff}, {@code registry.upload.chunk.size}
 * (blobs larger than this are uploaded in PATCH chunks), {@code registry.pull.parallelism},
 * {@code registry.request.timeout} (until the response headers), {@code registry.read.idle.timeout} (a blob download
 * that receives nothing for this long is resumed). Loopback registries always use plain HTTP.
 */
public record RegistryConfig(Set<String> insecure, Map<String, List<URI>> mirrors, int maxAttempts, Duration backoff,
                             long chunkSize, int parallelDownloads, Duration requestTimeout, Duration idleTimeout) {

    public static final String DOCKER_HUB_API = "registry-1.docker.io";

    public RegistryConfig {
        insecure = Set.copyOf(insecure);
        mirrors = Map.copyOf(mirrors);
        if (maxAttempts < 1 || chunkSize < 1 || parallelDownloads < 1) {
            throw new IllegalArgumentException("registry retries, chunk size and parallelism must be positive");
        }
    }

    public static RegistryConfig defaults() {
        return fromSettings(Settings.empty());
    }

    public static RegistryConfig fromSettings(Settings settings) {
        Set<String> insecure = split(settings.string("registry.insecure", "")).collect(Collectors.toSet());
        List<URI> hubMirrors = split(settings.string("registry.mirrors.docker.io", ""))
                .map(m -> mirrorUri(m, insecure)).toList();
        return new RegistryConfig(insecure, hubMirrors.isEmpty() ? Map.of() : Map.of("docker.io", hubMirrors),
                settings.integer("registry.retries", 4),
                settings.duration("registry.retry.backoff", Duration.ofMillis(200)),
                settings.bytes("registry.upload.chunk.size", 16L << 20),
                settings.integer("registry.pull.parallelism", 4),
                settings.duration("registry.request.timeout", Duration.ofMinutes(5)),
                settings.duration("registry.read.idle.timeout", Duration.ofSeconds(60)));
    }

    public RegistryConfig withChunkSize(long bytes) {
        return new RegistryConfig(insecure, mirrors, maxAttempts, backoff, bytes, parallelDownloads, requestTimeout, idleTimeout);
    }

    public RegistryConfig withMirrors(String registry, List<URI> urls) {
        return new RegistryConfig(insecure, Map.of(registry, urls), maxAttempts, backoff, chunkSize, parallelDownloads,
                requestTimeout, idleTimeout);
    }

    public RegistryConfig withIdleTimeout(Duration idle) {
        return new RegistryConfig(insecure, mirrors, maxAttempts, backoff, chunkSize, parallelDownloads, requestTimeout, idle);
    }

    public RegistryConfig withRetries(int attempts, Duration wait) {
        return new RegistryConfig(insecure, mirrors, attempts, wait, chunkSize, parallelDownloads, requestTimeout, idleTimeout);
    }

    /** The base URI of the distribution API of {@code registry} ({@code docker.io} is served by registry-1.docker.io). */
    public URI endpoint(String registry) {
        String host = registry.equals("docker.io") ? DOCKER_HUB_API : registry;
        return URI.create((isPlainHttp(registry) ? "http://" : "https://") + host);
    }

    /** Endpoints to pull from, in order: the mirrors, then the registry itself. */
    public List<URI> pullEndpoints(String registry) {
        List<URI> out = new java.util.ArrayList<>(mirrors.getOrDefault(registry, List.of()));
        out.add(endpoint(registry));
        return out;
    }

    public boolean isPlainHttp(String registry) {
        return insecure.contains(registry) || isLoopback(registry);
    }

    /** {@code localhost}, {@code 127.0.0.0/8} and {@code [::1]}, with or without a port: Docker trusts these over HTTP. */
    public static boolean isLoopback(String registry) {
        String host = registry;
        if (host.startsWith("[")) {
            host = host.substring(1, host.indexOf(']'));
            return host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
        }
        int colon = host.indexOf(':');
        host = colon < 0 ? host : host.substring(0, colon);
        return host.equals("localhost") || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private static URI mirrorUri(String mirror, Set<String> insecure) {
        if (mirror.contains("://")) {
            return URI.create(mirror.replaceAll("/+$", ""));
        }
        boolean plain = insecure.contains(mirror) || isLoopback(mirror);
        return URI.create((plain ? "http://" : "https://") + mirror);
    }

    private static java.util.stream.Stream<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty());
    }
}
