package dev.shipyard.worker.layer;

import dev.shipyard.oci.Digest;
import dev.shipyard.worker.fs.FileStat;
import dev.shipyard.worker.fs.Posix;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Unpacks a layer tar (gzip, zstd or plain, detected by content) into one snapshot directory that OverlayFS can use as
 * a lower layer: {@code .wh.<name>} becomes a 0/0 character device, {@code .wh..wh..opq} the opaque xattr.
 * No entry may reach outside the target: {@code ..} components are refused, absolute names are taken relative to the
 * target, and nothing is ever written through a symlink.
 */
public final class LayerUnpacker {

    private static final byte[] OPAQUE_VALUE = {'y'};

    private final OverlayXattrs overlayXattrs;

    public LayerUnpacker(OverlayXattrs overlayXattrs) {
        this.overlayXattrs = overlayXattrs;
    }

    public LayerUnpacker() {
        this(OverlayXattrs.TRUSTED);
    }

    /** What one unpack saw: the digest of the bytes read as given, and the diffID of the tar inside. */
    public record Result(Digest digest, Digest diffId) {
    }

    /** Unpacks {@code layer} into {@code target} (an existing, normally empty directory) and returns the tar's diffID. */
    public Digest unpack(InputStream layer, Path target) throws IOException {
        return unpackVerifiable(layer, target).diffId();
    }

    /** Like {@link #unpack}, also hashing the blob as given so the caller can check it against its descriptor. */
    public Result unpackVerifiable(InputStream layer, Path target) throws IOException {
        DigestingInputStream blob = new DigestingInputStream(layer);
        Digest diffId = unpackTar(blob, target);
        return new Result(blob.drainAndDigest(), diffId);
    }

    private Digest unpackTar(InputStream layer, Path target) throws IOException {
        DigestingInputStream tarBytes = new DigestingInputStream(Compression.decompress(layer));
        TarReader tar = new TarReader(tarBytes);
        Run run = new Run(target.toRealPath());
        TarReader.Entry entry;
        while ((entry = tar.next()) != null) {
            run.apply(entry, tar.content());
        }
        run.finishDirectories();
        return tarBytes.drainAndDigest();
    }

    private record PendingDir(Path path, Instant mtime, int depth) {
    }

    /** State of one unpack: the target and the directories whose mtimes are set last. */
    private final class Run {
        private final Path root;
        private final List<PendingDir> directories = new ArrayList<>();

        Run(Path root) {
            this.root = root;
        }

        void apply(TarReader.Entry entry, InputStream content) throws IOException {
            List<String> parts = components(entry.name());
            if (parts.isEmpty()) {
                if (entry.isDirectory()) {
                    applyMetadata(root, entry);
                    directories.add(new PendingDir(root, entry.mtime(), 0));
                }
                return;
            }
            String base = parts.get(parts.size() - 1);
            Path parent = ensureParents(parts.subList(0, parts.size() - 1), entry.name());
            if (base.startsWith(LayerWriter.WHITEOUT_PREFIX)) {
                whiteout(parent, base);
                return;
            }
            Path path = parent.resolve(base);
            clearFor(path, entry.isDirectory());
            create(path, entry, content);
        }

        private void whiteout(Path parent, String base) throws IOException {
            if (base.equals(LayerWriter.OPAQUE_MARKER)) {
                Posix.setXattr(parent, overlayXattrs.opaque(), OPAQUE_VALUE);
            } else if (!base.startsWith(LayerWriter.WHITEOUT_PREFIX + LayerWriter.WHITEOUT_PREFIX)) {
                String name = base.substring(LayerWriter.WHITEOUT_PREFIX.length());
                if (name.isEmpty() || name.equals(".") || name.equals("..")) {
                    throw new InvalidLayerException("could not unpack layer: whiteout '" + base + "' names no file");
                }
                Path hidden = parent.resolve(name);
                clearFor(hidden, false);
                Posix.mknod(hidden, FileStat.S_IFCHR, 0, 0, 0);
            }
        }

        private void create(Path path, TarReader.Entry entry, InputStream content) throws IOException {
            if (entry.isDirectory()) {
                if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(path);
                }
                applyMetadata(path, entry);
                directories.add(new PendingDir(path, entry.mtime(), path.getNameCount()));
                return;
            }
            if (entry.type() == '1') {
                Path existing = resolveLinkTarget(entry);
                Files.createLink(path, existing);
                return;
            }
            if (entry.type() == '2') {
                Files.createSymbolicLink(path, Path.of(entry.linkName()));
            } else if (entry.type() == '3' || entry.type() == '4') {
                int type = entry.type() == '3' ? FileStat.S_IFCHR : FileStat.S_IFBLK;
                Posix.mknod(path, type, 0600, entry.devMajor(), entry.devMinor());
            } else if (entry.type() == '6') {
                Posix.mkfifo(path, 0600);
            } else if (entry.isFile()) {
                try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS)) {
                    content.transferTo(out);
                }
            } else {
                throw new InvalidLayerException("could not unpack layer: entry '" + entry.name()
                        + "' has unsupported tar type '" + entry.type() + "'");
            }
            applyMetadata(path, entry);
            Posix.setMtime(path, entry.mtime());
        }

        /** Owner before mode: chown clears setuid/setgid bits. Symlinks have no mode of their own. */
        private void applyMetadata(Path path, TarReader.Entry entry) throws IOException {
            Posix.lchown(path, (int) entry.uid(), (int) entry.gid());
            if (entry.type() != '2') {
                Posix.chmod(path, entry.mode());
            }
            for (Map.Entry<String, byte[]> xattr : entry.xattrs().entrySet()) {
                if (!OverlayXattrs.isOverlayPrivate(xattr.getKey())) {
                    Posix.setXattr(path, xattr.getKey(), xattr.getValue());
                }
            }
        }

        private Path resolveLinkTarget(TarReader.Entry entry) throws IOException {
            List<String> parts = components(entry.linkName());
            if (parts.isEmpty()) {
                throw new InvalidLayerException("could not unpack layer: hard link '" + entry.name() + "' points at the layer root");
            }
            Path parent = walkExisting(parts.subList(0, parts.size() - 1), entry.name());
            Path target = parent.resolve(parts.get(parts.size() - 1));
            FileStat stat = stat(target);
            if (stat == null || stat.isDirectory()) {
                throw new InvalidLayerException("could not unpack layer: hard link '" + entry.name() + "' points at '"
                        + entry.linkName() + "', which is not a file earlier in this layer");
            }
            return target;
        }

        /** Creates missing parent directories; refuses a parent that is a symlink or not a directory. */
        private Path ensureParents(List<String> parents, String entryName) throws IOException {
            Path current = root;
            for (String part : parents) {
                current = current.resolve(part);
                FileStat stat = stat(current);
                if (stat == null) {
                    Files.createDirectory(current);
                    directories.add(new PendingDir(current, null, current.getNameCount()));
                } else if (!stat.isDirectory()) {
                    throw throughNonDirectory(entryName, current, stat);
                }
            }
            return current;
        }

        private Path walkExisting(List<String> parents, String entryName) throws IOException {
            Path current = root;
            for (String part : parents) {
                current = current.resolve(part);
                FileStat stat = stat(current);
                if (stat == null || !stat.isDirectory()) {
                    throw stat == null
                            ? new InvalidLayerException("could not unpack layer: hard link '" + entryName
                                    + "' points into missing directory '" + root.relativize(current) + "'")
                            : throughNonDirectory(entryName, current, stat);
                }
            }
            return current;
        }

        private InvalidLayerException throughNonDirectory(String entryName, Path current, FileStat stat) {
            String what = stat.isSymbolicLink() ? "a symlink" : "not a directory";
            return new InvalidLayerException("could not unpack layer: entry '" + entryName + "' goes through '"
                    + root.relativize(current) + "', which is " + what + " (refusing to write outside the snapshot)");
        }

        /** Removes what is in the way, unless a directory meets a directory (tar entries then merge). */
        private void clearFor(Path path, boolean directory) throws IOException {
            FileStat stat = stat(path);
            if (stat == null || (directory && stat.isDirectory())) {
                return;
            }
            if (stat.isDirectory()) {
                deleteTree(path);
            } else {
                Files.delete(path);
            }
        }

        /** Deepest first, so setting a child's time does not disturb its parent's. */
        void finishDirectories() throws IOException {
            directories.sort(Comparator.comparingInt(PendingDir::depth).reversed());
            for (PendingDir dir : directories) {
                if (dir.mtime() != null && Files.isDirectory(dir.path(), LinkOption.NOFOLLOW_LINKS)) {
                    Posix.setMtime(dir.path(), dir.mtime());
                }
            }
        }
    }

    /** Splits an entry name into safe components: leading {@code /} and {@code ./} dropped, {@code ..} refused. */
    static List<String> components(String name) throws InvalidLayerException {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new InvalidLayerException("could not unpack layer: entry '" + name
                        + "' contains '..' and could escape the snapshot; the layer is malformed or malicious");
            }
            if (part.indexOf('\0') >= 0) {
                throw new InvalidLayerException("could not unpack layer: entry '" + name + "' contains a NUL byte");
            }
            parts.add(part);
        }
        return parts;
    }

    private static FileStat stat(Path path) throws IOException {
        try {
            return Posix.lstat(path);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Removes a tree without following symlinks. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
