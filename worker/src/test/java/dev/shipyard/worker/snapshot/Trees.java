package dev.shipyard.worker.snapshot;

import dev.shipyard.oci.Digest;
import dev.shipyard.worker.fs.FileStat;
import dev.shipyard.worker.fs.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Describes a file tree (never following symlinks) so two trees can be compared entry by entry. */
final class Trees {

    private Trees() {
    }

    /** Relative path → type, mode, owner, size, content digest, link target, device, user xattrs, mtime seconds. */
    static SortedMap<String, String> describe(Path root) throws IOException {
        SortedMap<String, String> tree = new TreeMap<>();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(p -> !p.equals(root)).toList();
        }
        for (Path p : paths) {
            tree.put(root.relativize(p).toString(), describeOne(p));
        }
        return tree;
    }

    private static String describeOne(Path p) throws IOException {
        FileStat s = Posix.lstat(p);
        StringBuilder d = new StringBuilder();
        d.append(Integer.toOctalString(s.mode())).append(' ').append(s.uid()).append(':').append(s.gid());
        if (s.isRegularFile()) {
            d.append(" size=").append(s.size()).append(' ').append(Digest.sha256(Files.readAllBytes(p)).shortHex());
            d.append(" links=").append(s.nlink());
        } else if (s.isSymbolicLink()) {
            d.append(" -> ").append(Files.readSymbolicLink(p));
        } else if (s.isCharDevice() || s.isBlockDevice()) {
            d.append(" dev=").append(s.devMajor()).append(',').append(s.devMinor());
        }
        for (String name : Posix.listXattrs(p)) {
            if (name.startsWith("user.")) {
                d.append(' ').append(name).append('=').append(new String(Posix.getXattr(p, name)));
            }
        }
        if (!s.isSymbolicLink()) {
            d.append(" mtime=").append(s.mtime().getEpochSecond());
        }
        return d.toString();
    }
}
