package dev.shipyard.coordinator.http;

import dev.shipyard.config.Settings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The coordinator's HTTP settings.
 *
 * @param host the address to listen on
 * @param port the port to listen on; 0 picks a free one
 * @param maxContextBytes larger build contexts are refused with 413
 * @param spoolDir where contexts are spooled while they arrive
 * @param maxHeaderBytes the largest request head accepted (an inline Dockerfile travels in a header)
 */
public record CoordinatorConfig(String host, int port, long maxContextBytes, Path spoolDir, int maxHeaderBytes) {

    public static final String HOST = "coordinator.http.host";
    public static final String PORT = "coordinator.http.port";
    public static final String MAX_CONTEXT = "coordinator.context.max-size";
    public static final String SPOOL_DIR = "coordinator.context.spool-dir";
    public static final String MAX_HEADER = "coordinator.http.max-header-size";

    public CoordinatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(spoolDir, "spoolDir");
        if (maxContextBytes <= 0) {
            throw new IllegalArgumentException(MAX_CONTEXT + " must be positive, got " + maxContextBytes);
        }
    }

    /** Reads the settings; contexts up to 2 GiB and heads up to 64 KiB by default. */
    public static CoordinatorConfig from(Settings settings, Path defaultSpoolDir) {
        return new CoordinatorConfig(settings.string(HOST, "0.0.0.0"), settings.integer(PORT, 8080),
                settings.bytes(MAX_CONTEXT, 2L << 30),
                Path.of(settings.string(SPOOL_DIR, defaultSpoolDir.toString())),
                (int) settings.bytes(MAX_HEADER, 64 << 10));
    }
}
