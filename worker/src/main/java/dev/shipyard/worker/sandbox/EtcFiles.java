package dev.shipyard.worker.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The {@code /etc/hosts} and {@code /etc/resolv.conf} a step sees, generated outside the rootfs. */
public final class EtcFiles {
    private static final List<Path> HOST_RESOLV_CONF = List.of(
            Path.of("/run/systemd/resolve/resolv.conf"), Path.of("/etc/resolv.conf"));

    private EtcFiles() {
    }

    public static String hosts(String hostname) {
        return "127.0.0.1\tlocalhost " + hostname + "\n::1\tlocalhost ip6-localhost ip6-loopback\n";
    }

    /**
     * The host's resolver configuration; systemd-resolved's stub (127.0.0.53) is skipped for its upstream
     * file because a step with its own network namespace could not reach it.
     */
    public static String resolvConf() throws IOException {
        for (Path candidate : HOST_RESOLV_CONF) {
            if (Files.isRegularFile(candidate)) {
                String text = Files.readString(candidate, StandardCharsets.UTF_8);
                if (!text.contains("127.0.0.53") || candidate.equals(HOST_RESOLV_CONF.get(1))) {
                    return text;
                }
            }
        }
        return "";
    }

    /** Writes both files into {@code dir} and returns their paths as (hosts, resolv.conf). */
    public static List<Path> write(Path dir, String hostname) throws IOException {
        Path hosts = Files.writeString(dir.resolve("hosts"), hosts(hostname));
        Path resolv = Files.writeString(dir.resolve("resolv.conf"), resolvConf());
        return List.of(hosts, resolv);
    }
}
