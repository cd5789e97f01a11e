package dev.shipyard.worker.copy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import jnr.constants.platform.Errno;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/** The few POSIX calls COPY needs that NIO does not offer (lchown, full chmod, mkfifo), in one place. */
final class FileOps {

    static final int S_IFMT = 0170000;
    static final int S_IFIFO = 0010000;

    private static final POSIX POSIX_CALLS = POSIXFactory.getNativePOSIX();

    private FileOps() {
    }

    /** The lstat of a path. */
    static Stat lstat(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
        return new Stat((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                (Long) a.get("ino"), (Long) a.get("dev"), (Integer) a.get("nlink"), (Long) a.get("size"),
                (FileTime) a.get("lastModifiedTime"), (FileTime) a.get("lastAccessTime"));
    }

    static void lchown(Path path, Owner owner) {
        check(POSIX_CALLS.lchown(path.toString(), owner.uid(), owner.gid()), "change the owner of", path);
    }

    static void chmod(Path path, int mode) {
        check(POSIX_CALLS.chmod(path.toString(), mode & 07777), "change the mode of", path);
    }

    static void mkfifo(Path path, int mode) {
        check(POSIX_CALLS.mkfifo(path.toString(), mode & 07777), "create the fifo", path);
    }

    /** Sets modification and access times without following a symlink. */
    static void setTimes(Path path, FileTime mtime, FileTime atime) {
        try {
            Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(mtime, atime, null);
        } catch (IOException e) {
            throw new UncheckedIOException("could not set the times of " + path + ": " + e.getMessage(), e);
        }
    }

    private static void check(int result, String action, Path path) {
        if (result != 0) {
            int errno = POSIX_CALLS.errno();
            throw new UncheckedIOException("could not " + action + " " + path + ": " + Errno.valueOf(errno),
                    new IOException(Errno.valueOf(errno).description()));
        }
    }

    /** What COPY reads from an lstat. */
    record Stat(int mode, int uid, int gid, long inode, long device, int links, long size, FileTime mtime,
                FileTime atime) {

        boolean isDirectory() {
            return (mode & S_IFMT) == 0040000;
        }

        boolean isRegular() {
            return (mode & S_IFMT) == 0100000;
        }

        boolean isSymlink() {
            return (mode & S_IFMT) == 0120000;
        }

        boolean isFifo() {
            return (mode & S_IFMT) == S_IFIFO;
        }

        int permissions() {
            return mode & 07777;
        }

        Owner owner() {
            return new Owner(uid, gid);
        }

        String type() {
            if (isDirectory()) {
                return "dir";
            }
            if (isRegular()) {
                return "file";
            }
            if (isSymlink()) {
                return "symlink";
            }
            return isFifo() ? "fifo" : "device";
        }
    }
}
