package dev.shipyard.worker.copy;

import dev.shipyard.dockerfile.ignore.DockerIgnore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Copies one resolved source into the destination as fsutil's copier does: directories are merged,
 * symlinks inside a tree are copied as links, hard links within one copy stay hard links, and mode,
 * owner and times come from the source unless --chown/--chmod say otherwise.
 */
final class TreeCopier {

    private final Path destRoot;
    private final CopyOptions options;
    private final Map<String, Path> linked = new HashMap<>();

    TreeCopier(Path destRoot, CopyOptions options) {
        this.destRoot = destRoot;
        this.options = options;
    }

    /** Copies src to dst; an existing top-level directory keeps its own metadata. */
    void copyTop(Path src, Path dst) throws IOException {
        copy(src, dst, "", false);
    }

    private void copy(Path src, Path dst, String rel, boolean overwriteMetadata) throws IOException {
        if (!rel.isEmpty() && options.excluded(rel)) {
            return;
        }
        FileOps.Stat stat = FileOps.lstat(src);
        if (stat.isDirectory()) {
            copyDirectory(src, dst, rel, stat, overwriteMetadata);
        } else {
            copyLeaf(src, dst, stat);
        }
    }

    private void copyDirectory(Path src, Path dst, String rel, FileOps.Stat stat, boolean overwriteMetadata)
            throws IOException {
        boolean created = false;
        if (!RootedPath.exists(dst)) {
            Files.createDirectory(dst);
            created = true;
        } else if (!Files.isDirectory(dst, LinkOption.NOFOLLOW_LINKS)) {
            throw new CopyException("could not copy to " + display(dst) + ": cannot copy a directory onto a non-directory");
        }
        for (Path child : children(src)) {
            String name = child.getFileName().toString();
            copy(child, dst.resolve(name), rel.isEmpty() ? name : rel + "/" + name, true);
        }
        if (created || overwriteMetadata) {
            applyMetadata(dst, stat);
            copyXattrs(src, dst, stat);
        }
    }

    private void copyLeaf(Path src, Path dst, FileOps.Stat stat) throws IOException {
        if (RootedPath.exists(dst)) {
            if (Files.isDirectory(dst, LinkOption.NOFOLLOW_LINKS)) {
                throw new CopyException("could not copy to " + display(dst) + ": cannot replace a directory with a "
                        + stat.type());
            }
            Files.delete(dst);
        }
        if (stat.isRegular()) {
            String inode = stat.device() + ":" + stat.inode();
            Path first = stat.links() > 1 ? linked.get(inode) : null;
            if (first != null) {
                Files.createLink(dst, first);
                return;
            }
            Files.copy(src, dst);
            if (stat.links() > 1) {
                linked.put(inode, dst);
            }
        } else if (stat.isSymlink()) {
            Files.createSymbolicLink(dst, Files.readSymbolicLink(src));
        } else if (stat.isFifo()) {
            FileOps.mkfifo(dst, stat.permissions());
        } else if (stat.isDevice()) {
            Libc.mknod(dst, stat.mode(), stat.rdev());
        } else {
            throw new CopyException("could not copy " + src.getFileName() + ": sockets cannot be copied");
        }
        applyMetadata(dst, stat);
        copyXattrs(src, dst, stat);
    }

    private void applyMetadata(Path dst, FileOps.Stat stat) {
        FileOps.lchown(dst, options.owner(stat));
        if (!stat.isSymlink()) {
            FileOps.chmod(dst, options.mode(stat.permissions(), stat.isDirectory()));
        }
        FileOps.setTimes(dst, stat.mtime(), stat.atime());
    }

    private static void copyXattrs(Path src, Path dst, FileOps.Stat stat) {
        if (!stat.isSymlink()) {
            Libc.copyXattrs(src, dst);
        }
    }

    private static List<Path> children(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        }
    }

    private String display(Path dst) {
        return "/" + destRoot.relativize(dst);
    }

    /** What --chown, --chmod and --exclude ask of every copied entry. */
    record CopyOptions(Owner chown, boolean keepOwners, ModeSpec chmod, DockerIgnore excludes) {

        Owner owner(FileOps.Stat stat) {
            if (chown != null) {
                return chown;
            }
            return keepOwners ? stat.owner() : Owner.ROOT;
        }

        int mode(int permissions, boolean directory) {
            return chmod == null ? permissions : chmod.apply(permissions, directory);
        }

        boolean excluded(String rel) {
            return excludes != null && excludes.excluded(rel);
        }
    }
}
