package dev.shipyard.dockerfile.ignore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of a .dockerignore file: Go {@code filepath.Match} patterns plus {@code **}, {@code !}
 * exceptions, last match wins, and a path is excluded when it or a parent directory matches.
 *
 * @see <a href="https://docs.docker.com/build/concepts/context/#dockerignore-files">.dockerignore files</a>
 */
public final class DockerIgnore {

    private static final DockerIgnore NONE = new DockerIgnore("(none)", List.of(), List.of());

    private final String sourceName;
    private final List<IgnorePattern> patterns;
    private final List<String> kept;

    private DockerIgnore(String sourceName, List<IgnorePattern> patterns, List<String> kept) {
        this.sourceName = sourceName;
        this.patterns = List.copyOf(patterns);
        this.kept = List.copyOf(kept);
    }

    /** Rules that exclude nothing. */
    public static DockerIgnore none() {
        return NONE;
    }

    /**
     * Parses a .dockerignore text. Lines starting with '#' are comments (before trimming, as in
     * docker); a leading '/' or './' is cleaned away; a pattern that is not valid fails with its line.
     */
    public static DockerIgnore parse(String sourceName, String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        List<IgnorePattern> patterns = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            parseLine(sourceName, i + 1, lines[i]).ifPresent(patterns::add);
        }
        return new DockerIgnore(sourceName, patterns, List.of());
    }

    private static Optional<IgnorePattern> parseLine(String sourceName, int lineNumber, String raw) {
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        if (line.startsWith("#")) {
            return Optional.empty();
        }
        String pattern = trim(line);
        if (pattern.isEmpty()) {
            return Optional.empty();
        }
        boolean exclusion = pattern.charAt(0) == '!';
        if (exclusion) {
            pattern = trim(pattern.substring(1));
            if (pattern.isEmpty()) {
                throw new DockerIgnoreException(sourceName, lineNumber, "illegal exclusion pattern \"!\": name what to re-include after '!'");
            }
        }
        pattern = GoPaths.clean(pattern);
        if (pattern.length() > 1 && pattern.charAt(0) == '/') {
            pattern = pattern.substring(1);
        }
        String problem = GlobSyntax.problem(pattern);
        if (problem != null) {
            throw new DockerIgnoreException(sourceName, lineNumber,
                    "syntax error in pattern \"" + pattern + "\": " + problem + " (escape special characters with '\\')");
        }
        return Optional.of(IgnorePattern.compile(pattern, exclusion, lineNumber));
    }

    /**
     * The rules for a build: {@code <dockerfile-name>.dockerignore} beside the Dockerfile wins over
     * {@code <context>/.dockerignore}; without either nothing is excluded. The Dockerfile and the
     * ignore file, when inside the context, are always kept, as the docker CLI does.
     */
    public static DockerIgnore forBuild(Path contextDir, Path dockerfile) {
        Path beside = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
        Path inContext = contextDir.resolve(".dockerignore");
        Path chosen = Files.isRegularFile(beside) ? beside : Files.isRegularFile(inContext) ? inContext : null;
        DockerIgnore rules = chosen == null ? none() : read(contextDir, chosen);
        List<String> keep = new ArrayList<>();
        relativeInside(contextDir, dockerfile).ifPresent(keep::add);
        if (chosen != null) {
            relativeInside(contextDir, chosen).ifPresent(keep::add);
        }
        return rules.keeping(keep);
    }

    private static DockerIgnore read(Path contextDir, Path file) {
        String name = relativeInside(contextDir, file).orElse(file.toString());
        try {
            return parse(name, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DockerIgnoreException(name, e.toString(), e);
        }
    }

    private static Optional<String> relativeInside(Path contextDir, Path file) {
        Path context = contextDir.toAbsolutePath().normalize();
        Path target = file.toAbsolutePath().normalize();
        if (!target.startsWith(context) || target.equals(context)) {
            return Optional.empty();
        }
        return Optional.of(context.relativize(target).toString());
    }

    /** The same rules, with these context-relative paths never excluded. */
    public DockerIgnore keeping(List<String> paths) {
        List<String> all = new ArrayList<>(kept);
        paths.stream().map(DockerIgnore::normalize).filter(p -> !all.contains(p)).forEach(all::add);
        return new DockerIgnore(sourceName, patterns, all);
    }

    /** Whether a context-relative, slash-separated path is left out of the build context. */
    public boolean excluded(String relativePath) {
        String path = normalize(relativePath);
        if (path.equals(".") || kept.contains(path)) {
            return false;
        }
        boolean matched = false;
        for (IgnorePattern pattern : patterns) {
            // an exclusion can only undo a match and an inclusion only make one, so skip the others
            if (pattern.exclusion() == matched && pattern.matchesSelfOrParent(path)) {
                matched = !pattern.exclusion();
            }
        }
        return matched;
    }

    /**
     * Whether something below this directory could still be included even though the directory is
     * excluded; when false a context walker may skip the whole directory.
     */
    public boolean mayHaveIncludedChildren(String dirPath) {
        String dir = normalize(dirPath);
        if (dir.equals(".")) {
            return true;
        }
        String prefix = dir + "/";
        if (kept.stream().anyMatch(k -> k.startsWith(prefix))) {
            return true;
        }
        return patterns.stream().anyMatch(p -> p.exclusion() && p.couldMatchBelow(dir));
    }

    /** The cleaned patterns in file order, exceptions prefixed with '!'. */
    public List<String> patterns() {
        return patterns.stream().map(IgnorePattern::toString).toList();
    }

    /** Context-relative paths that are never excluded (the Dockerfile and its ignore file). */
    public List<String> kept() {
        return kept;
    }

    public String sourceName() {
        return sourceName;
    }

    private static String normalize(String path) {
        String cleaned = GoPaths.clean(path);
        return cleaned.startsWith("/") && cleaned.length() > 1 ? cleaned.substring(1) : cleaned;
    }

    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    @Override
    public String toString() {
        return sourceName + " " + patterns();
    }
}
