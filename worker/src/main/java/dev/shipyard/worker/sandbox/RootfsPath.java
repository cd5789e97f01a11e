package dev.shipyard.worker.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a path inside a rootfs the way the kernel would after a chroot: symbolic links (absolute or
 * with {@code ..}) are followed but never leave the rootfs, so host files are never read or written.
 */
public final class RootfsPath {
    private static final int MAX_LINKS = 40;

    private RootfsPath() {
    }

    /** The host path of {@code path} in {@code rootfs}, every symlink resolved; the last part may not exist. */
    public static Path resolve(Path rootfs, String path) throws IOException {
        Deque<String> todo = new ArrayDeque<>();
        push(todo, path);
        Deque<String> done = new ArrayDeque<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                done.pollLast();
                continue;
            }
            Path candidate = join(rootfs, done).resolve(part);
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    throw new IOException("could not resolve " + path + " in the rootfs: too many symbolic links");
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    done.clear();
                }
                push(todo, target);
                continue;
            }
            done.addLast(part);
        }
        return join(rootfs, done);
    }

    /** True when the resolved path exists (without following a final symlink, which resolve already did). */
    public static boolean exists(Path resolved) {
        return Files.exists(resolved, LinkOption.NOFOLLOW_LINKS);
    }

    private static void push(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.push(parts[i]);
        }
    }

    private static Path join(Path rootfs, Deque<String> parts) {
        Path out = rootfs;
        for (String part : parts) {
            out = out.resolve(part);
        }
        return out;
    }
}
