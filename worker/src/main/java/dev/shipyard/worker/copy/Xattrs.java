package dev.shipyard.worker.copy;

import dev.shipyard.worker.fs.Posix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies extended attributes (file capabilities such as ping's {@code security.capability}, ACLs) as
 * BuildKit's copier does; a failure to set one is logged and skipped, as there. The native calls live in
 * the {@code fs} package.
 */
final class Xattrs {

    private static final Logger LOG = LoggerFactory.getLogger(Xattrs.class);

    private Xattrs() {
    }

    /** Copies every extended attribute of src (not following symlinks) to dst. */
    static void copy(Path src, Path dst) {
        for (String name : list(src)) {
            byte[] value = get(src, name);
            if (value != null && !set(dst, name, value)) {
                LOG.warn("could not copy extended attribute {} to {}", name, dst);
            }
        }
    }

    static List<String> list(Path path) {
        try {
            return Posix.listXattrs(path);
        } catch (IOException e) {
            LOG.warn("could not list extended attributes of {}: {}", path, e.getMessage());
            return List.of();
        }
    }

    static byte[] get(Path path, String name) {
        try {
            return Posix.getXattr(path, name);
        } catch (IOException e) {
            LOG.warn("could not read extended attribute {} of {}: {}", name, path, e.getMessage());
            return null;
        }
    }

    static boolean set(Path path, String name, byte[] value) {
        try {
            Posix.setXattr(path, name, value);
            return true;
        } catch (IOException e) {
            LOG.debug("could not set extended attribute {} on {}: {}", name, path, e.getMessage());
            return false;
        }
    }
}
