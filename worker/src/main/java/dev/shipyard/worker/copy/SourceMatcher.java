package dev.shipyard.worker.copy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands one COPY source into the paths it names, as fsutil's ResolveWildcards does: the part before
 * the first wildcard component is resolved (symlinks followed inside the root), the rest is matched
 * as one Go pattern against the paths below it. A wildcard that matches nothing gives no paths, as in
 * BuildKit; a plain path that does not exist is an error.
 */
final class SourceMatcher {

    private SourceMatcher() {
    }

    /** Root-relative paths ("/a/b") the source names; each is resolved again when copied. */
    static List<String> expand(Path root, String source, String verb) {
        String clean = RootedPath.cleanAbsolute(source);
        List<String> parts = List.of(clean.substring(1).split("/"));
        int firstWild = -1;
        for (int i = 0; i < parts.size(); i++) {
            if (GoGlob.hasMeta(parts.get(i))) {
                firstWild = i;
                break;
            }
        }
        if (firstWild < 0) {
            if (!RootedPath.exists(RootedPath.resolve(root, clean))) {
                throw new CopyException("could not " + verb + " \"" + clean + "\": not found");
            }
            return List.of(clean);
        }
        String base = "/" + String.join("/", parts.subList(0, firstWild));
        String pattern = String.join("/", parts.subList(firstWild, parts.size()));
        Path dir = RootedPath.resolve(root, base);
        if (!RootedPath.exists(dir)) {
            throw new CopyException("could not " + verb + " \"" + clean + "\": lstat " + base
                    + ": no such file or directory");
        }
        String prefix = root.relativize(dir).toString();
        List<String> matches = new ArrayList<>();
        for (String rel : walk(dir, parts.size() - firstWild)) {
            if (GoGlob.matches(pattern, rel)) {
                matches.add("/" + (prefix.isEmpty() ? rel : prefix + "/" + rel));
            }
        }
        return List.copyOf(matches);
    }

    private static List<String> walk(Path dir, int depth) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(dir, depth)) {
            return paths.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir + ": " + e.getMessage(), e);
        }
    }
}
