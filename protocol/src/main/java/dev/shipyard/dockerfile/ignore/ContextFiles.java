package dev.shipyard.dockerfile.ignore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** Lists what a directory contributes to a build context after .dockerignore rules. */
public final class ContextFiles {

    private ContextFiles() {
    }

    /**
     * The sorted context-relative paths of files, directories and symlinks to send; symlinks are
     * listed, never followed. A file re-included below an excluded directory brings its parent
     * directories along, as BuildKit's context transfer does.
     */
    public static List<String> walk(Path contextDir, DockerIgnore ignore) {
        SortedSet<String> selected = new TreeSet<>();
        try {
            // a context given through a symlink is walked at its target, as docker resolves it
            Path root = contextDir.toRealPath();
            Files.walkFileTree(root, new Collector(root, ignore, selected));
        } catch (IOException e) {
            throw new UncheckedIOException("could not list build context " + contextDir + ": " + e.getMessage(), e);
        }
        return List.copyOf(selected);
    }

    private static final class Collector extends SimpleFileVisitor<Path> {
        private final Path root;
        private final DockerIgnore ignore;
        private final SortedSet<String> selected;

        Collector(Path root, DockerIgnore ignore, SortedSet<String> selected) {
            this.root = root;
            this.ignore = ignore;
            this.selected = selected;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
            }
            String path = relative(dir);
            if (!ignore.excluded(path)) {
                select(path);
                return FileVisitResult.CONTINUE;
            }
            return ignore.mayHaveIncludedChildren(path) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String path = relative(file);
            if (!ignore.excluded(path)) {
                select(path);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            throw e;
        }

        private void select(String path) {
            selected.add(path);
            for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
                selected.add(path.substring(0, slash));
            }
        }

        private String relative(Path path) {
            return root.relativize(path).toString();
        }
    }
}
