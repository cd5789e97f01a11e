package dev.shipyard.worker.copy;

import dev.shipyard.dockerfile.ignore.ContextFiles;
import dev.shipyard.dockerfile.ignore.DockerIgnore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Materialises a build context as a directory COPY can read: from a context tar stream (gzip, bzip2,
 * xz or zstd allowed) or from a directory, with .dockerignore rules applied. Entries that would leave
 * the directory ({@code ..}, absolute names, symlinks climbing out) are refused.
 */
public final class BuildContext {

    private BuildContext() {
    }

    /** Unpacks a context tar stream into dir (which must exist), leaving out what ignore excludes. */
    public static void unpack(InputStream tar, Path dir, DockerIgnore ignore) {
        try {
            ArchiveExtractor.extract(ArchiveExtractor.decompress(tar), "build context", dir,
                    new ArchiveExtractor.Policy(Owner.ROOT, ignore::excluded, true));
        } catch (IOException e) {
            throw new CopyException("could not unpack the build context: " + e.getMessage(), e);
        }
    }

    /** Copies what ContextFiles selects from contextDir into dir, keeping modes and times. */
    public static void materialize(Path contextDir, DockerIgnore ignore, Path dir) {
        List<String> selected = ContextFiles.walk(contextDir, ignore);
        try {
            Path root = contextDir.toRealPath();
            for (String rel : selected) {
                Path src = root.resolve(rel);
                Path dst = dir.resolve(rel);
                FileOps.Stat stat = FileOps.lstat(src);
                if (stat.isDirectory()) {
                    Files.createDirectories(dst);
                } else if (stat.isSymlink()) {
                    Files.createSymbolicLink(dst, Files.readSymbolicLink(src));
                } else if (stat.isRegular()) {
                    Files.copy(src, dst);
                } else {
                    continue;
                }
                if (!stat.isSymlink()) {
                    FileOps.chmod(dst, stat.permissions());
                }
            }
            // times after every entry is written, deepest first, so directory times stick
            for (int i = selected.size() - 1; i >= 0; i--) {
                Path src = root.resolve(selected.get(i));
                if (RootedPath.exists(dir.resolve(selected.get(i)))) {
                    FileOps.Stat stat = FileOps.lstat(src);
                    FileOps.setTimes(dir.resolve(selected.get(i)), stat.mtime(), stat.atime());
                }
            }
        } catch (IOException e) {
            throw new CopyException("could not prepare the build context from " + contextDir + ": " + e.getMessage(), e);
        }
    }
}
