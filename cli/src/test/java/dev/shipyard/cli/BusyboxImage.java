package dev.shipyard.cli;

import dev.shipyard.cache.image.ImageStore;
import dev.shipyard.oci.History;
import dev.shipyard.oci.ImageConfig;
import dev.shipyard.oci.Platform;
import dev.shipyard.oci.archive.ArchiveImage;
import dev.shipyard.worker.layer.FileLayer;
import dev.shipyard.worker.layer.LayerOptions;
import dev.shipyard.worker.layer.LayerWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

/** A one-layer {@code busybox:latest} made from the host's statically linked /bin/busybox, for builds in tests. */
final class BusyboxImage {
    static final Path BUSYBOX = Path.of("/bin/busybox");

    private BusyboxImage() {
    }

    /** Puts {@code busybox:latest} into {@code store}; {@code work} is scratch space. */
    static void put(ImageStore store, Path work) throws IOException, InterruptedException {
        Path root = Files.createDirectories(work.resolve("busybox-rootfs"));
        for (String dir : List.of("bin", "etc", "root", "home/app", "proc", "sys", "dev", "usr/bin", "var", "tmp")) {
            Files.createDirectories(root.resolve(dir));
        }
        Files.setPosixFilePermissions(root.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setAttribute(root.resolve("home/app"), "unix:uid", 1000);
        Files.setAttribute(root.resolve("home/app"), "unix:gid", 1000);
        Files.copy(BUSYBOX, root.resolve("bin/busybox"));
        Files.setPosixFilePermissions(root.resolve("bin/busybox"), PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String applet : applets()) {
            Path link = root.resolve("bin").resolve(applet);
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, Path.of("busybox"));
            }
        }
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n"
                + "app:x:1000:1000:app:/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\napp:x:1000:\nnogroup:x:65534:\n");
        Path blob = work.resolve("busybox-layer.tar.gz");
        FileLayer layer = new LayerWriter(LayerOptions.defaults()).writeDirectory(root, blob);
        try (InputStream in = Files.newInputStream(blob)) {
            store.blobs().put(layer.digest(), in, layer.size());
        }
        ImageConfig config = ImageConfig.scratch(Platform.current())
                .withEnv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
                .withCmd(List.of("sh"))
                .addLayer(layer.diffId(), History.of(Instant.EPOCH, "busybox-static from the host"));
        store.put(ArchiveImage.of(List.of("busybox:latest"), config, List.of(layer.descriptor())));
    }

    private static List<String> applets() throws IOException, InterruptedException {
        Process list = new ProcessBuilder(BUSYBOX.toString(), "--list").redirectErrorStream(true).start();
        String text = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (list.waitFor() != 0) {
            throw new IOException("could not list busybox applets: " + text);
        }
        return text.lines().filter(s -> !s.isBlank() && !s.contains("/")).toList();
    }
}
