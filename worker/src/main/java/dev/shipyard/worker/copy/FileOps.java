package dev.shipyard.worker.copy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import dev.shipyard.worker.fs.Posix;

/** The few POSIX calls COPY needs that NIO does not offer (lchown, full chmod, mkfifo), in one place. */
final class FileOps {

    static final int S_IFMT = 0170000;
    static final int S_IFIFO = 0010000;


    private FileOps() {
    }

    /** The lstat of a path. */
    static Stat lstat(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
        return new Stat((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                (Long) a.get("ino"), (Long) a.get("dev"), (Integer) a.get("nlink"), (Long) a.get("size"),
                (Long) a.get("rdev"), (FileTime) a.get("lastModifiedTime"), (FileTime) a.get("lastAccessTime"));
    }

    static void lchown(Path path, Owner owner) {
        unchecked(() -> Posix.lchown(path, owner.uid(), owner.gid()));
    }

    static void chmod(Path path, int mode) {
        unchecked(() -> Posix.chmod(path, mode & 07777));
    }

    static void mkfifo(Path path, int mode) {
        unchecked(() -> Posix.mkfifo(path, mode & 07777));
    }

    /**
     * Sets modification and access times without following a symlink and without opening the file
     * (opening a fifo would block).
     */
    static void setTimes(Path path, FileTime mtime, FileTime atime) {
        unchecked(() -> Posix.setTimes(path, atime.toInstant(), mtime.toInstant()));
    }

    /** A native call of the {@code fs} package, where JNR stays; COPY's callers expect unchecked failures. */
    static void unchecked(NativeCall call) {
        try {
            call.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    interface NativeCall {
        void run() throws IOException;
    }

    /** What COPY reads from an lstat. */
    record Stat(int mode, int uid, int gid, long inode, long device, int links, long size, long rdev, FileTime mtime,
                FileTime atime) {

        boolean isDevice() {
            int type = mode & S_IFMT;
            return type == 0020000 || type == 0060000;
        }

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
