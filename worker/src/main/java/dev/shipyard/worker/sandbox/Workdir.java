package dev.shipyard.worker.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Creates a missing working directory inside the rootfs, owned by the step's user; it stays in the layer. */
public final class Workdir {
    private Workdir() {
    }

    public static void ensure(Path rootfs, String cwd, SandboxUser user) throws IOException {
        Path resolved = RootfsPath.resolve(rootfs, cwd);
        Path current = rootfs;
        for (Path part : rootfs.relativize(resolved)) {
            current = current.resolve(part);
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
                Files.setAttribute(current, "unix:uid", user.uid(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(current, "unix:gid", user.gid(), LinkOption.NOFOLLOW_LINKS);
            }
        }
    }
}
