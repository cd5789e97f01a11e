package dev.shipyard.worker.copy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a path inside a root directory as if the root were {@code /}: symlinks are followed, but
 * {@code ..} and absolute link targets are clamped to the root, so a result never leaves it.
 */
final class RootedPath {

    private static final int MAX_LINKS = 255;

    private RootedPath() {
    }

    /** Resolves every component, the last one included. */
    static Path resolve(Path root, String path) {
        return walk(root, components(path), true);
    }

    /** Resolves every component but the last, which is kept as written (it may be a symlink). */
    static Path resolveParent(Path root, String path) {
        List<String> parts = components(cleanAbsolute(path));
        if (parts.isEmpty()) {
            return root;
        }
        String last = parts.remove(parts.size() - 1);
        return walk(root, parts, true).resolve(last);
    }

    /** Go's {@code path.Clean("/" + path)}. */
    static String cleanAbsolute(String path) {
        Deque<String> out = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                out.pollLast();
            } else {
                out.addLast(part);
            }
        }
        return "/" + String.join("/", out);
    }

    private static List<String> components(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return parts;
    }

    private static Path walk(Path root, List<String> parts, boolean followLast) {
        Deque<String> pending = new ArrayDeque<>(parts);
        List<String> current = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String part = pending.pollFirst();
            if (part.equals("..")) {
                if (!current.isEmpty()) {
                    current.remove(current.size() - 1);
                }
                continue;
            }
            Path candidate = join(root, current).resolve(part);
            if (!Files.isSymbolicLink(candidate) || (!followLast && pending.isEmpty())) {
                current.add(part);
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new CopyException("could not resolve " + String.join("/", parts) + ": too many levels of symbolic links");
            }
            String target = readLink(candidate);
            if (target.startsWith("/")) {
                current.clear();
            }
            List<String> targetParts = components(target);
            for (int i = targetParts.size() - 1; i >= 0; i--) {
                pending.addFirst(targetParts.get(i));
            }
        }
        return join(root, current);
    }

    private static Path join(Path root, List<String> parts) {
        Path p = root;
        for (String part : parts) {
            p = p.resolve(part);
        }
        return p;
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read symlink " + link + ": " + e.getMessage(), e);
        }
    }

    static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }
}
