package dev.shipyard.worker.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * A minimal image root for sandbox tests: Debian's statically linked busybox with its applets as
 * symlinks, and its own passwd and group. It has no /proc, /sys, /dev or /etc/hosts on purpose, so
 * the tests see that the runtimes' mount points leave no trace.
 */
public final class TestRootfs {
    public static final Path BUSYBOX = Path.of("/bin/busybox");

    private TestRootfs() {
    }

    public static Path create(Path dir) throws IOException, InterruptedException {
        Path root = Files.createDirectories(dir.resolve("rootfs"));
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.copy(BUSYBOX, bin.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
        Process list = new ProcessBuilder(BUSYBOX.toString(), "--list").redirectErrorStream(true).start();
        String applets = new String(list.getInputStream().readAllBytes());
        if (!list.waitFor(10, TimeUnit.SECONDS) || list.exitValue() != 0) {
            throw new IOException("could not list busybox applets: " + applets);
        }
        for (String applet : applets.split("\n")) {
            if (!applet.isBlank() && !applet.equals("busybox")) {
                Files.createSymbolicLink(bin.resolve(applet.trim()), Path.of("busybox"));
            }
        }
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), String.join("\n",
                "root:x:0:0:root:/root:/bin/sh",
                "app:x:1000:1000:App:/home/app:/bin/sh",
                "nobody:x:65534:65534:nobody:/nonexistent:/bin/false", ""));
        Files.writeString(etc.resolve("group"), String.join("\n",
                "root:x:0:",
                "staff:x:50:app",
                "app:x:1000:",
                "nogroup:x:65534:", ""));
        Files.createDirectories(root.resolve("root"));
        Files.setAttribute(Files.createDirectories(root.resolve("tmp")), "unix:mode", 01777);
        return root;
    }
}
