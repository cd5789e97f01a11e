package dev.shipyard.worker.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jnr.ffi.LibraryLoader;

/** Low-level POSIX file operations that never follow a final symlink (lstat, lchown, mknod, xattrs). */
public final class Posix {

    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final long UTIME_OMIT = (1L << 30) - 2;
    private static final int ENODATA = 61;
    private static final int ENOTSUP = 95;
    private static final int ERANGE = 34;
    private static final int MNT_DETACH = 2;

    private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    private static final jnr.ffi.Runtime RUNTIME = jnr.ffi.Runtime.getRuntime(LIBC);

    private Posix() {
    }

    public static FileStat lstat(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:mode,uid,gid,dev,ino,rdev,nlink,size,lastModifiedTime",
                LinkOption.NOFOLLOW_LINKS);
        return new FileStat((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                (Long) a.get("dev"), (Long) a.get("ino"), (Long) a.get("rdev"), (Integer) a.get("nlink"),
                (Long) a.get("size"), ((FileTime) a.get("lastModifiedTime")).toInstant());
    }

    public static void lchown(Path path, int uid, int gid) throws IOException {
        check(LIBC.lchown(path.toString(), uid, gid), "change owner of", path);
    }

    /** Sets permission bits including setuid/setgid/sticky; never call it on a symlink. */
    public static void chmod(Path path, int permissions) throws IOException {
        check(LIBC.chmod(path.toString(), permissions & 07777), "change mode of", path);
    }

    /** Creates a character or block device node, or an OverlayFS whiteout (character device 0/0). */
    public static void mknod(Path path, int type, int permissions, int major, int minor) throws IOException {
        check(LIBC.mknod(path.toString(), type | (permissions & 07777), FileStat.makedev(major, minor)), "create device node", path);
    }

    public static void mkfifo(Path path, int permissions) throws IOException {
        check(LIBC.mkfifo(path.toString(), permissions & 07777), "create fifo", path);
    }

    /** Sets the modification time of the path itself, symlinks included; leaves atime alone. */
    public static void setMtime(Path path, Instant mtime) throws IOException {
        long[] times = {0, UTIME_OMIT, mtime.getEpochSecond(), mtime.getNano()};
        check(LIBC.utimensat(AT_FDCWD, path.toString(), times, AT_SYMLINK_NOFOLLOW), "set modification time of", path);
    }

    /** Sets access and modification times of the path itself, symlinks included, without opening it. */
    public static void setTimes(Path path, Instant atime, Instant mtime) throws IOException {
        long[] times = {atime.getEpochSecond(), atime.getNano(), mtime.getEpochSecond(), mtime.getNano()};
        check(LIBC.utimensat(AT_FDCWD, path.toString(), times, AT_SYMLINK_NOFOLLOW), "set the times of", path);
    }

    /** Creates a device node from a full mode (type and permission bits) and a packed device number. */
    public static void mknod(Path path, int mode, long device) throws IOException {
        check(LIBC.mknod(path.toString(), mode, device), "create device node", path);
    }

    /** Names of all extended attributes the caller may see, in the order the file system lists them. */
    public static List<String> listXattrs(Path path) throws IOException {
        String p = path.toString();
        for (int attempt = 0; attempt < 3; attempt++) {
            long size = LIBC.llistxattr(p, null, 0);
            if (size < 0) {
                if (errno() == ENOTSUP) {
                    return List.of();
                }
                throw failure("list extended attributes of", path);
            }
            if (size == 0) {
                return List.of();
            }
            byte[] buffer = new byte[(int) size];
            long read = LIBC.llistxattr(p, buffer, buffer.length);
            if (read < 0 && errno() == ERANGE) {
                continue;
            }
            if (read < 0) {
                throw failure("list extended attributes of", path);
            }
            return splitNames(buffer, (int) read);
        }
        throw new IOException("could not list extended attributes of " + path + ": they kept changing");
    }

    /** The value of one extended attribute, or null when the path has none of that name. */
    public static byte[] getXattr(Path path, String name) throws IOException {
        String p = path.toString();
        for (int attempt = 0; attempt < 3; attempt++) {
            long size = LIBC.lgetxattr(p, name, null, 0);
            if (size < 0) {
                int errno = errno();
                if (errno == ENODATA || errno == ENOTSUP) {
                    return null;
                }
                throw failure("read extended attribute " + name + " of", path);
            }
            byte[] value = new byte[(int) size];
            long read = size == 0 ? 0 : LIBC.lgetxattr(p, name, value, value.length);
            if (read < 0 && errno() == ERANGE) {
                continue;
            }
            if (read < 0) {
                throw failure("read extended attribute " + name + " of", path);
            }
            return read == size ? value : java.util.Arrays.copyOf(value, (int) read);
        }
        throw new IOException("could not read extended attribute " + name + " of " + path + ": it kept changing");
    }

    public static void setXattr(Path path, String name, byte[] value) throws IOException {
        check(LIBC.lsetxattr(path.toString(), name, value, value.length, 0), "set extended attribute " + name + " on", path);
    }

    /** Unmounts; {@code lazy} detaches even when busy. */
    public static void umount(Path target, boolean lazy) throws IOException {
        check(LIBC.umount2(target.toString(), lazy ? MNT_DETACH : 0), "unmount", target);
    }

    private static List<String> splitNames(byte[] buffer, int length) {
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (buffer[i] == 0) {
                if (i > start) {
                    names.add(new String(buffer, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return names;
    }

    private static int errno() {
        return RUNTIME.getLastError();
    }

    private static void check(int rc, String action, Path path) throws IOException {
        if (rc != 0) {
            throw failure(action, path);
        }
    }

    private static IOException failure(String action, Path path) {
        int errno = errno();
        return new IOException("could not " + action + " " + path + ": " + describe(errno) + " (errno " + errno + ")");
    }

    private static String describe(int errno) {
        jnr.constants.platform.Errno e = jnr.constants.platform.Errno.valueOf(errno);
        return e == null ? "unknown error" : e.description();
    }
}
