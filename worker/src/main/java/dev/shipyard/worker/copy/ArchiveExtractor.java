package dev.shipyard.worker.copy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * ADD's local archive handling: a file whose (decompressed) content starts with a valid tar header is
 * extracted, keeping the archive's owners, modes, times and hard links. No entry lands outside the
 * destination directory: names are clamped to it as BuildKit does, and symlinks are resolved inside it.
 */
final class ArchiveExtractor {

    private static final int BLOCK = 512;

    private ArchiveExtractor() {
    }

    /** Whether ADD would extract this file: plain, gzip, bzip2, xz or zstd tar, recognised by content. */
    static boolean isArchive(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (InputStream in = decompress(Files.newInputStream(file))) {
            byte[] header = in.readNBytes(BLOCK);
            return header.length == BLOCK && !allZero(header) && TarUtils.verifyCheckSum(header);
        } catch (IOException e) {
            // not readable as any supported compression: ADD copies such a file as it is
            return false;
        }
    }

    /** Extracts the archive into destDir; a non-null chown replaces the archive's owners. */
    static void extract(Path archive, Path destDir, Owner chown) throws IOException {
        try (InputStream raw = decompress(Files.newInputStream(archive))) {
            extract(raw, archive.getFileName().toString(), destDir, new Policy(chown, name -> false, false));
        }
    }

    /**
     * Extracts a tar stream.
     *
     * @param source the archive's name for messages
     */
    static void extract(InputStream stream, String source, Path destDir, Policy policy) throws IOException {
        List<DirectoryTimes> directories = new ArrayList<>();
        TarArchiveInputStream tar = new TarArchiveInputStream(stream);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            String name = entryName(source, entry.getName(), policy);
            if (name.isEmpty() || policy.skip().test(name)) {
                continue;
            }
            if (policy.strict() && entry.isSymbolicLink()) {
                confine(source, name, entry.getLinkName());
            }
            ensureParents(source, destDir, name);
            Path target = RootedPath.resolveParent(destDir, name);
            Owner owner = policy.chown() != null ? policy.chown()
                    : new Owner((int) entry.getLongUserId(), (int) entry.getLongGroupId());
            if (entry.isDirectory()) {
                makeDirectory(target);
                FileOps.lchown(target, owner);
                FileOps.chmod(target, entry.getMode());
                directories.add(new DirectoryTimes(target, entry.getLastModifiedTime()));
                continue;
            }
            replace(source, target);
            if (entry.isLink()) {
                Files.createLink(target, RootedPath.resolveParent(destDir, entryName(source, entry.getLinkName(), policy)));
                continue;
            }
            writeEntry(source, tar, entry, target);
            FileOps.lchown(target, owner);
            if (!entry.isSymbolicLink()) {
                FileOps.chmod(target, entry.getMode());
            }
            FileOps.setTimes(target, entry.getLastModifiedTime(), entry.getLastModifiedTime());
        }
        // directory times last, since writing their entries changed them
        for (int i = directories.size() - 1; i >= 0; i--) {
            DirectoryTimes d = directories.get(i);
            FileOps.setTimes(d.path(), d.mtime(), d.mtime());
        }
    }

    /** A symlink whose relative target climbs above the root is refused; absolute targets stay in the root when resolved. */
    private static void confine(String source, String name, String linkTarget) {
        if (linkTarget.startsWith("/")) {
            return;
        }
        int slash = name.lastIndexOf('/');
        String joined = (slash < 0 ? "" : name.substring(0, slash + 1)) + linkTarget;
        int depth = 0;
        for (String part : joined.split("/")) {
            if (part.equals("..")) {
                if (--depth < 0) {
                    throw new CopyException("could not extract " + source + ": symlink \"" + name + "\" -> \""
                            + linkTarget + "\" points outside the root");
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                depth++;
            }
        }
    }

    /**
     * How a tar stream is extracted.
     *
     * @param chown owner for every entry, or null to keep the archive's
     * @param skip entries (cleaned relative names) to leave out
     * @param strict refuse names and symlinks that climb above the root; otherwise names are clamped
     *     to the root as BuildKit does ("../x" and "/x" both land at "x")
     */
    record Policy(Owner chown, java.util.function.Predicate<String> skip, boolean strict) {
    }

    private static String entryName(String source, String name, Policy policy) {
        return policy.strict() ? inside(source, name) : RootedPath.cleanAbsolute(name).substring(1);
    }

    /**
     * Creates the missing parent directories of an entry inside destDir, following symlinks the
     * archive made only when they lead to an existing directory, as an extraction chrooted at the
     * destination would.
     */
    private static void ensureParents(String source, Path destDir, String name) throws IOException {
        String[] parts = name.split("/");
        Path current = destDir;
        for (int i = 0; i < parts.length - 1; i++) {
            Path next = current.resolve(parts[i]);
            if (Files.isSymbolicLink(next)) {
                next = RootedPath.resolve(destDir, "/" + destDir.relativize(next));
                if (!Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
                    throw new CopyException("could not extract " + source + ": open /" + name + ": no such file or directory");
                }
            } else if (!RootedPath.exists(next)) {
                Files.createDirectory(next);
                FileOps.chmod(next, 0755);
            } else if (!Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
                throw new CopyException("could not extract " + source + ": open /" + name + ": not a directory");
            }
            current = next;
        }
    }

    private static void writeEntry(String archive, TarArchiveInputStream tar, TarArchiveEntry entry, Path target)
            throws IOException {
        if (entry.isSymbolicLink()) {
            Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else if (entry.isFIFO()) {
            FileOps.mkfifo(target, entry.getMode());
        } else if (entry.isFile()) {
            Files.copy(tar, target);
        } else if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            int type = entry.isCharacterDevice() ? 0020000 : 0060000;
            Libc.mknod(target, type | (entry.getMode() & 07777),
                    Libc.makedev(entry.getDevMajor(), entry.getDevMinor()));
        } else {
            throw new CopyException("could not extract " + archive + ": entry \"" + entry.getName()
                    + "\" has a type ADD does not support");
        }
    }

    private static void makeDirectory(Path target) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (RootedPath.exists(target)) {
            Files.delete(target);
        }
        Files.createDirectory(target);
    }

    private static void replace(String archive, Path target) throws IOException {
        if (!RootedPath.exists(target)) {
            return;
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new CopyException("could not extract " + archive + ": a directory is in the way of "
                    + target.getFileName());
        }
        Files.delete(target);
    }

    /** The entry name cleaned and relative; names that would leave the destination are refused. */
    private static String inside(String archive, String name) {
        if (name.startsWith("/")) {
            throw escape(archive, name);
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.pollLast() == null) {
                    throw escape(archive, name);
                }
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    private static CopyException escape(String archive, String name) {
        return new CopyException("could not extract " + archive + ": entry \"" + name
                + "\" points outside the destination");
    }

    static InputStream decompress(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(8);
        byte[] magic = in.readNBytes(6);
        in.reset();
        if (startsWith(magic, 0x1f, 0x8b)) {
            return new GzipCompressorInputStream(in, true);
        }
        if (startsWith(magic, 'B', 'Z', 'h')) {
            return new BZip2CompressorInputStream(in, true);
        }
        if (startsWith(magic, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
            return new XZCompressorInputStream(in, true);
        }
        if (startsWith(magic, 0x28, 0xb5, 0x2f, 0xfd)) {
            return new ZstdCompressorInputStream(in);
        }
        return in;
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean allZero(byte[] block) {
        return Arrays.equals(block, new byte[block.length]);
    }

    private record DirectoryTimes(Path path, FileTime mtime) {
    }
}
