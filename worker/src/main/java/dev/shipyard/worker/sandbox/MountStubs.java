package dev.shipyard.worker.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mount points a step needs but its rootfs lacks ({@code /etc/resolv.conf}, {@code /proc}, a cache
 * target...). They are created before the step and removed after it, when still empty, so the layer
 * diff holds no trace of them.
 */
public final class MountStubs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MountStubs.class);

    /** What a mount point must be. */
    public enum Kind { FILE, DIRECTORY }

    private final Path rootfs;
    private final List<Path> created = new ArrayList<>();

    public MountStubs(Path rootfs) {
        this.rootfs = rootfs;
    }

    /**
     * Makes sure {@code target} exists in the rootfs as {@code kind}, creating missing parents as
     * directories; returns its symlink-free host path, which is inside the rootfs.
     */
    public Path ensure(String target, Kind kind) throws IOException {
        Path resolved = RootfsPath.resolve(rootfs, target);
        if (!resolved.startsWith(rootfs)) {
            throw new IOException("could not prepare mount point " + target + ": it resolves outside the rootfs");
        }
        Path current = rootfs;
        for (Path part : rootfs.relativize(resolved)) {
            current = current.resolve(part);
            boolean last = current.equals(resolved);
            if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (last && kind == Kind.FILE) {
                Files.createFile(current);
            } else {
                Files.createDirectory(current);
            }
            created.add(current);
        }
        return resolved;
    }

    /** The in-rootfs form (leading slash, no symlinks) of a path returned by {@link #ensure}. */
    public String inRootfs(Path resolved) {
        return "/" + rootfs.relativize(resolved);
    }

    /** Removes what {@link #ensure} created, newest first, leaving anything the step put there. */
    @Override
    public void close() {
        for (int i = created.size() - 1; i >= 0; i--) {
            Path path = created.get(i);
            try {
                if (isEmpty(path)) {
                    Files.delete(path);
                } else {
                    LOG.debug("keeping mount point {}: the step wrote into it", path);
                }
            } catch (IOException e) {
                LOG.warn("could not remove mount point {}: {}", path, e.toString());
            }
        }
        created.clear();
    }

    private static boolean isEmpty(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                return !entries.iterator().hasNext();
            }
        }
        return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && Files.size(path) == 0;
    }
}
