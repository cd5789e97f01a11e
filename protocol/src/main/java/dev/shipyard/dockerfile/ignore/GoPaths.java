package dev.shipyard.dockerfile.ignore;

import java.util.ArrayDeque;
import java.util.Deque;

/** Go's {@code path/filepath.Clean} on slash-separated paths, which .dockerignore relies on. */
final class GoPaths {

    private GoPaths() {
    }

    /** Lexically cleans a path: collapses slashes, drops {@code .}, resolves {@code ..} where possible. */
    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (!part.equals("..")) {
                parts.addLast(part);
            } else if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
                parts.removeLast();
            } else if (!rooted) {
                parts.addLast(part);
            }
        }
        String joined = String.join("/", parts);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }
}
