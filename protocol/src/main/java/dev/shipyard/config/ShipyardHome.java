package dev.shipyard.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The directory that holds all local state of one Shipyard installation: blobs, images, snapshots and the
 * local cache index. Two homes never see each other's state.
 *
 * @param root {@code $SHIPYARD_HOME}, or {@code ~/.shipyard} when unset
 */
public record ShipyardHome(Path root) {

    public ShipyardHome {
        Objects.requireNonNull(root, "root");
        root = root.toAbsolutePath().normalize();
    }

    /**
     * The home named by the {@code shipyard.home} system property (embedding processes and tests set it), else
     * by {@code SHIPYARD_HOME}, else {@code ~/.shipyard}.
     */
    public static ShipyardHome fromEnvironment() {
        String property = System.getProperty("shipyard.home");
        if (property != null && !property.isBlank()) {
            return new ShipyardHome(Path.of(property));
        }
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static ShipyardHome fromEnvironment(Map<String, String> env, Path userHome) {
        String dir = env.get("SHIPYARD_HOME");
        return new ShipyardHome(dir == null || dir.isBlank() ? userHome.resolve(".shipyard") : Path.of(dir));
    }

    /** Content-addressed blobs: layers, configs, manifests. */
    public Path blobs() {
        return root.resolve("blobs");
    }

    /** Image names and the manifests they point at. */
    public Path images() {
        return root.resolve("images");
    }

    /** Unpacked layers, one directory per chain id. */
    public Path snapshots() {
        return root.resolve("snapshots");
    }

    /** The local cache index: cache key to layer. */
    public Path cache() {
        return root.resolve("cache");
    }

    /** Scratch space for builds in progress (contexts, mounts). */
    public Path tmp() {
        return root.resolve("tmp");
    }

    /** Data of the embedded farm's services (Kafka, S3, Hazelcast). */
    public Path services() {
        return root.resolve("services");
    }
}
