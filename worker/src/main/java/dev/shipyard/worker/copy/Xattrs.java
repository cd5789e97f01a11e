package dev.shipyard.worker.copy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies extended attributes (file capabilities such as ping's {@code security.capability}, ACLs) as
 * BuildKit's copier does; a failure to set one is logged and skipped, as there.
 */
final class Xattrs {

    private static final Logger LOG = LoggerFactory.getLogger(Xattrs.class);
    private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");

    private Xattrs() {
    }

    /** Copies every extended attribute of src (not following symlinks) to dst. */
    static void copy(Path src, Path dst) {
        for (String name : list(src)) {
            byte[] value = get(src, name);
            if (value != null && LIBC.lsetxattr(dst.toString(), name, value, value.length, 0) != 0) {
                LOG.warn("could not copy extended attribute {} to {}: errno {}", name, dst,
                        jnr.ffi.LastError.getLastError(jnr.ffi.Runtime.getRuntime(LIBC)));
            }
        }
    }

    static List<String> list(Path path) {
        long size = LIBC.llistxattr(path.toString(), null, 0);
        if (size <= 0) {
            return List.of();
        }
        byte[] buffer = new byte[(int) size];
        long read = LIBC.llistxattr(path.toString(), buffer, buffer.length);
        if (read <= 0) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < read; i++) {
            if (buffer[i] == 0) {
                if (i > start) {
                    names.add(new String(buffer, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return names;
    }

    static byte[] get(Path path, String name) {
        long size = LIBC.lgetxattr(path.toString(), name, null, 0);
        if (size < 0) {
            return null;
        }
        byte[] value = new byte[(int) size];
        long read = LIBC.lgetxattr(path.toString(), name, value, value.length);
        return read < 0 ? null : Arrays.copyOf(value, (int) read);
    }

    static boolean set(Path path, String name, byte[] value) {
        return LIBC.lsetxattr(path.toString(), name, value, value.length, 0) == 0;
    }

    /** The libc calls, bound through jnr-ffi. */
    public interface LibC {
        @ssize_t
        long llistxattr(String path, @Out byte[] list, @size_t long size);

        @ssize_t
        long lgetxattr(String path, String name, @Out byte[] value, @size_t long size);

        int lsetxattr(String path, String name, @In byte[] value, @size_t long size, int flags);
    }
}
