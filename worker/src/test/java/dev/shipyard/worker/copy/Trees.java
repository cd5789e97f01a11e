package dev.shipyard.worker.copy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Builds and describes small directory trees for COPY tests. */
final class Trees {

    private Trees() {
    }

    static Path file(Path root, String rel, String content, int mode) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        FileOps.chmod(p, mode);
        return p;
    }

    static Path dir(Path root, String rel, int mode) throws IOException {
        Path p = Files.createDirectories(root.resolve(rel));
        FileOps.chmod(p, mode);
        return p;
    }

    static Path link(Path root, String rel, String target) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.createSymbolicLink(p, Path.of(target));
    }

    static String read(Path root, String rel) throws IOException {
        return Files.readString(root.resolve(rel), StandardCharsets.UTF_8);
    }

    /** One line per entry below root: "path type mode uid:gid detail", sorted by path. */
    static List<String> describe(Path root) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(p -> !p.equals(root)).sorted().toList()) {
                FileOps.Stat stat = FileOps.lstat(p);
                String detail = stat.isSymlink() ? "-> " + Files.readSymbolicLink(p)
                        : stat.isRegular() ? new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1) : "";
                lines.add(root.relativize(p) + " " + stat.type() + " " + Integer.toOctalString(stat.permissions())
                        + " " + stat.owner() + (detail.isEmpty() ? "" : " " + detail));
            }
        }
        return lines;
    }

    static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }
}
