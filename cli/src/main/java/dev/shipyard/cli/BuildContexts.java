package dev.shipyard.cli;

import dev.shipyard.dockerfile.ignore.DockerIgnore;
import dev.shipyard.worker.copy.BuildContext;
import dev.shipyard.worker.layer.LayerUnpacker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/** Turns the CONTEXT argument (a directory, a tar file or {@code -}) into a filtered directory for the engine. */
final class BuildContexts {

    private BuildContexts() {
    }

    /**
     * The build context as the engine reads it.
     *
     * @param dir the directory COPY reads from
     * @param dockerfile the Dockerfile to parse
     */
    record Prepared(Path dir, Path dockerfile) {
    }

    /**
     * A directory context is read in place when there is nothing to filter: no .dockerignore, and only directories,
     * regular files and symlinks (the copy leaves other kinds out). COPY never follows a symlink out of its root,
     * so reading the original is as safe as reading a copy; otherwise the context is copied into {@code dir}.
     */
    static Prepared prepareOrReadInPlace(String context, Path dockerfile, Path dir, Path tmp) throws IOException {
        Path contextDir = Path.of(context);
        if (!context.equals("-") && Files.isDirectory(contextDir)) {
            Path file = dockerfile != null ? dockerfile : contextDir.resolve("Dockerfile");
            if (!hasIgnoreFile(contextDir, file) && onlyPlainEntries(contextDir.toRealPath())) {
                return new Prepared(contextDir.toRealPath(), file);
            }
        }
        return new Prepared(dir, prepare(context, dockerfile, dir, tmp));
    }

    private static boolean hasIgnoreFile(Path contextDir, Path dockerfile) {
        return Files.exists(dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore"))
                || Files.exists(contextDir.resolve(".dockerignore"));
    }

    private static boolean onlyPlainEntries(Path root) throws IOException {
        boolean[] plain = {true};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                plain[0] = attrs.isRegularFile() || attrs.isSymbolicLink();
                return plain[0] ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
            }
        });
        return plain[0];
    }

    /**
     * Fills {@code dir} with the context's files that .dockerignore keeps and returns the Dockerfile to read.
     * A tar context is checked entry by entry before anything runs: {@code ..}, absolute names and symlinks
     * that climb out are refused.
     */
    static Path prepare(String context, Path dockerfile, Path dir, Path tmp) throws IOException {
        Files.createDirectories(dir);
        if (context.equals("-") || Files.isRegularFile(Path.of(context))) {
            Path raw = Files.createDirectories(tmp.resolve("context-raw-" + UUID.randomUUID()));
            try {
                try (InputStream in = context.equals("-") ? System.in : Files.newInputStream(Path.of(context))) {
                    BuildContext.unpack(in, raw, DockerIgnore.none());
                }
                Path file = dockerfile != null ? raw.resolve(dockerfile.toString()).normalize() : raw.resolve("Dockerfile");
                Path kept = Files.createTempFile(tmp, "Dockerfile-", "");
                Files.copy(file, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                BuildContext.materialize(raw, DockerIgnore.forBuild(raw, file), dir);
                kept.toFile().deleteOnExit();
                return kept;
            } finally {
                LayerUnpacker.deleteTree(raw);
            }
        }
        Path contextDir = Path.of(context);
        if (!Files.isDirectory(contextDir)) {
            throw new java.nio.file.NoSuchFileException(context);
        }
        Path file = dockerfile != null ? dockerfile : contextDir.resolve("Dockerfile");
        BuildContext.materialize(contextDir, DockerIgnore.forBuild(contextDir, file), dir);
        return file;
    }
}
