package dev.shipyard.worker.copy;

import dev.shipyard.worker.fs.Posix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The libc calls NIO and jnr-posix lack: device nodes and extended attributes, through the {@code fs}
 * package where native bindings stay. Extended attributes (file capabilities such as ping's
 * {@code security.capability}, ACLs) are copied as BuildKit's copier does: a failure to set one is logged
 * and skipped.
 */
final class Libc {

    private static final Logger LOG = LoggerFactory.getLogger(Libc.class);

    private Libc() {
    }

    /** Copies every extended attribute of src (not following symlinks) to dst. */
    static void copyXattrs(Path src, Path dst) {
        for (String name : listXattrs(src)) {
            byte[] value = getXattr(src, name);
            if (value != null && !setXattr(dst, name, value)) {
                LOG.warn("could not copy extended attribute {} to {}", name, dst);
            }
        }
    }

    static List<String> listXattrs(Path path) {
        try {
            return Posix.listXattrs(path);
        } catch (IOException e) {
            LOG.warn("could not list extended attributes of {}: {}", path, e.getMessage());
            return List.of();
        }
    }

    static byte[] getXattr(Path path, String name) {
        try {
            return Posix.getXattr(path, name);
        } catch (IOException e) {
            LOG.warn("could not read extended attribute {} of {}: {}", name, path, e.getMessage());
            return null;
        }
    }

    static boolean setXattr(Path path, String name, byte[] value) {
        try {
            Posix.setXattr(path, name, value);
            return true;
        } catch (IOException e) {
            LOG.debug("could not set extended attribute {} on {}: {}", name, path, e.getMessage());
            return false;
        }
    }

    /** Creates a character or block device node; mode carries the file type bits. */
    static void mknod(Path path, int mode, long device) {
        try {
            Posix.mknod(path, mode, device);
        } catch (IOException e) {
            throw new CopyException("could not create device " + path.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Linux's makedev. */
    static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8) | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }
}
