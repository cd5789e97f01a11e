package dev.shipyard.worker.layer;

import dev.shipyard.worker.fs.FileStat;
import dev.shipyard.worker.fs.Posix;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packs a directory into an OCI layer: sorted entries with normalized headers, compressed while diffID, digest and
 * size are computed in the same single pass.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md">OCI layer changesets</a>
 */
public final class LayerWriter {

    static final String WHITEOUT_PREFIX = ".wh.";
    static final String OPAQUE_MARKER = ".wh..wh..opq";
    private static final Logger log = LoggerFactory.getLogger(LayerWriter.class);
    private static final int BUFFER = 1 << 16;
    private static final Comparator<String> BYTE_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private final LayerOptions options;

    public LayerWriter(LayerOptions options) {
        this.options = options;
    }

    /** Packs an OverlayFS upper directory: whiteouts become {@code .wh.<name>}, opaque directories get {@code .wh..wh..opq}. */
    public FileLayer writeDiff(Path upperDir, Path outFile) throws IOException {
        return write(upperDir, outFile, true);
    }

    /** Packs a plain directory tree (e.g. the result of COPY) as it is, with no whiteout translation. */
    public FileLayer writeDirectory(Path dir, Path outFile) throws IOException {
        return write(dir, outFile, false);
    }

    /** Streams the tar of {@code root} (uncompressed) to {@code out}; exposed for tests and tools. */
    public void writeTar(Path root, boolean overlayDiff, OutputStream out) throws IOException {
        TarWriter tar = new TarWriter(out);
        new Walk(tar, overlayDiff).directory(root, "");
        tar.finish();
    }

    /** Writes next to {@code outFile} and renames at the end, so a crash never leaves a partial layer under its name. */
    private FileLayer write(Path root, Path outFile, boolean overlayDiff) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("could not pack layer: " + root + " is not a directory");
        }
        Path partial = outFile.resolveSibling(outFile.getFileName() + ".partial-" + UUID.randomUUID());
        DigestingOutputStream blob = new DigestingOutputStream(new BufferedOutputStream(Files.newOutputStream(partial), BUFFER));
        DigestingOutputStream tar;
        try {
            tar = new DigestingOutputStream(options.compression().compress(blob));
            try (OutputStream buffered = new BufferedOutputStream(tar, BUFFER)) {
                writeTar(root, overlayDiff, buffered);
            }
            Files.move(partial, outFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            blob.close();
            Files.deleteIfExists(partial);
            throw e;
        }
        return new FileLayer(outFile, blob.digest(), tar.digest(), blob.count(), options.compression().mediaType());
    }

    private record Child(String name, String entryName, Path path, FileStat stat, boolean whiteout) {
    }

    private record InodeKey(long dev, long ino) {
    }

    /** One depth-first traversal; children in byte order of their entry names, parents before children. */
    private final class Walk {
        private final TarWriter tar;
        private final boolean overlayDiff;
        private final Map<InodeKey, String> firstLinkPath = new HashMap<>();

        Walk(TarWriter tar, boolean overlayDiff) {
            this.tar = tar;
            this.overlayDiff = overlayDiff;
        }

        void directory(Path dir, String prefix) throws IOException {
            for (Child child : children(dir)) {
                String name = prefix + child.entryName();
                if (child.whiteout()) {
                    tar.write(TarHeader.file(name, 0, 0, 0, 0, options.clampSeconds(child.stat().mtime())), null);
                } else if (child.stat().isDirectory()) {
                    tar.write(header(name + "/", TarHeader.Type.DIRECTORY, child, "", 0), null);
                    if (overlayDiff && isOpaque(child.path())) {
                        tar.write(TarHeader.file(name + "/" + OPAQUE_MARKER, 0, 0, 0, 0,
                                options.clampSeconds(child.stat().mtime())), null);
                    }
                    directory(child.path(), name + "/");
                } else {
                    leaf(name, child);
                }
            }
        }

        private List<Child> children(Path dir) throws IOException {
            List<Child> children = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                for (Path path : stream) {
                    String name = path.getFileName().toString();
                    FileStat stat = Posix.lstat(path);
                    boolean whiteout = overlayDiff && stat.isOverlayWhiteout();
                    children.add(new Child(name, whiteout ? WHITEOUT_PREFIX + name : name, path, stat, whiteout));
                }
            }
            children.sort(Comparator.comparing(Child::entryName, BYTE_ORDER));
            return children;
        }

        private void leaf(String name, Child child) throws IOException {
            FileStat stat = child.stat();
            if (stat.isRegularFile()) {
                regularFile(name, child);
            } else if (stat.isSymbolicLink()) {
                String target = Files.readSymbolicLink(child.path()).toString();
                tar.write(header(name, TarHeader.Type.SYMLINK, child, target, 0), null);
            } else if (stat.isCharDevice() || stat.isBlockDevice()) {
                TarHeader.Type type = stat.isCharDevice() ? TarHeader.Type.CHAR_DEVICE : TarHeader.Type.BLOCK_DEVICE;
                TarHeader h = header(name, type, child, "", 0);
                tar.write(new TarHeader(h.name(), type, h.mode(), h.uid(), h.gid(), 0, h.mtimeSeconds(), "",
                        stat.devMajor(), stat.devMinor(), h.xattrs()), null);
            } else if (stat.isFifo()) {
                tar.write(header(name, TarHeader.Type.FIFO, child, "", 0), null);
            } else {
                log.debug("not packing {}: sockets cannot be stored in a tar", child.path());
            }
        }

        private void regularFile(String name, Child child) throws IOException {
            FileStat stat = child.stat();
            if (stat.nlink() > 1) {
                InodeKey key = new InodeKey(stat.dev(), stat.ino());
                String first = firstLinkPath.putIfAbsent(key, name);
                if (first != null) {
                    tar.write(header(name, TarHeader.Type.HARD_LINK, child, first, 0), null);
                    return;
                }
            }
            try (InputStream in = Files.newInputStream(child.path(), LinkOption.NOFOLLOW_LINKS)) {
                tar.write(header(name, TarHeader.Type.FILE, child, "", stat.size()), in);
            }
        }

        private TarHeader header(String name, TarHeader.Type type, Child child, String link, long size) throws IOException {
            FileStat s = child.stat();
            return new TarHeader(name, type, s.permissions(), s.uid(), s.gid(), size, options.clampSeconds(s.mtime()),
                    link, 0, 0, xattrs(child.path()));
        }

        private boolean isOpaque(Path dir) throws IOException {
            byte[] value = Posix.getXattr(dir, options.overlayXattrs().opaque());
            return value != null && value.length == 1 && value[0] == 'y';
        }
    }

    private static Map<String, byte[]> xattrs(Path path) throws IOException {
        Map<String, byte[]> xattrs = new TreeMap<>();
        for (String name : Posix.listXattrs(path)) {
            if (OverlayXattrs.isOverlayPrivate(name) || name.equals("security.selinux")) {
                continue;
            }
            byte[] value = Posix.getXattr(path, name);
            if (value != null) {
                xattrs.put(name, value);
            }
        }
        return xattrs;
    }
}
