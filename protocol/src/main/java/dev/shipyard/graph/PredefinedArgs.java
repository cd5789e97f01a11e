package dev.shipyard.graph;

import dev.shipyard.oci.Platform;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The arguments BuildKit defines without an ARG: platform arguments (visible to FROM lines, and in a stage
 * once declared there) and proxy arguments (passed to RUN when given, kept out of the image history).
 *
 * @see <a href="https://docs.docker.com/reference/dockerfile/#predefined-args">predefined ARGs</a>
 */
public final class PredefinedArgs {

    /** Proxy variables a build may pass without declaring them; they never reach the cache key or history. */
    public static final Set<String> PROXY_ARGS = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
            "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

    private PredefinedArgs() {
    }

    /** {@code TARGETPLATFORM}, {@code TARGETOS}, ... {@code BUILDVARIANT} for the two platforms. */
    public static Map<String, String> platformArgs(Platform target, Platform build) {
        Map<String, String> args = new LinkedHashMap<>();
        put(args, "TARGET", target);
        put(args, "BUILD", build);
        return args;
    }

    private static void put(Map<String, String> args, String prefix, Platform platform) {
        args.put(prefix + "PLATFORM", platform.toString());
        args.put(prefix + "OS", platform.os());
        args.put(prefix + "ARCH", platform.architecture());
        args.put(prefix + "VARIANT", platform.variant() == null ? "" : platform.variant());
    }
}
