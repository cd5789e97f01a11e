package dev.shipyard.registry;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real registry (Debian's {@code docker-registry}, the CNCF distribution server) on 127.0.0.1 with filesystem
 * storage in a temporary directory, open or behind htpasswd Basic auth.
 */
public final class RegistryServer implements AutoCloseable {
    private static final String BINARY = "/usr/bin/docker-registry";
    private final Process process;
    private final int port;

    private RegistryServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static RegistryServer open(Path dir) throws IOException {
        return start(dir, "");
    }

    /** A registry that demands Basic auth of {@code user}, with a bcrypt htpasswd file made by {@code htpasswd -B}. */
    public static RegistryServer withBasicAuth(Path dir, String user, String password) throws IOException {
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, run(List.of("htpasswd", "-Bbn", user, password)));
        return start(dir, "auth:\n  htpasswd:\n    realm: shipyard-test\n    path: " + htpasswd + "\n");
    }

    private static RegistryServer start(Path dir, String auth) throws IOException {
        int port = freePort();
        Path config = dir.resolve("config.yml");
        Files.writeString(config, "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: "
                + dir.resolve("storage") + "\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:" + port
                + "\n  secret: shipyard-test-secret\n" + auth);
        Process process = new ProcessBuilder(BINARY, "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        RegistryServer server = new RegistryServer(process, port);
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
                    }
                    int status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    return status == 200 || status == 401;
                });
        return server;
    }

    public String host() {
        return "127.0.0.1:" + port;
    }

    static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command, e);
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
