package dev.shipyard.registry;

import dev.shipyard.oci.Platform;
import java.util.Objects;

/**
 * How to resolve an image.
 *
 * @param platform the platform wanted, or {@code null} for any local image and this machine's platform when pulling
 */
public record ResolveOptions(Platform platform, PullPolicy pull) {

    public ResolveOptions {
        Objects.requireNonNull(pull, "pull");
    }

    /** Local first, pulling for this machine's platform when missing. */
    public static ResolveOptions defaults() {
        return new ResolveOptions(null, PullPolicy.MISSING);
    }

    public ResolveOptions withPlatform(Platform wanted) {
        return new ResolveOptions(wanted, pull);
    }

    public ResolveOptions withPull(PullPolicy policy) {
        return new ResolveOptions(platform, policy);
    }

    /** The platform to pull for. */
    Platform pullPlatform() {
        return platform == null ? Platform.current() : platform;
    }
}
