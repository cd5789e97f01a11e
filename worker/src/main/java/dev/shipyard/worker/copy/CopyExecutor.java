package dev.shipyard.worker.copy;

import dev.shipyard.dockerfile.ignore.DockerIgnore;
import dev.shipyard.dockerfile.instructions.HeredocFile;
import dev.shipyard.oci.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes one COPY or ADD into a rootfs with BuildKit's semantics: wildcards, directory contents,
 * trailing-slash destinations, symlinks followed inside the rootfs only, --chown through the
 * destination's /etc/passwd, --chmod, --exclude, --parents, archives, URLs and here-documents.
 */
public final class CopyExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(CopyExecutor.class);

    private final UrlFetcher fetcher;

    public CopyExecutor() {
        this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    public CopyExecutor(HttpClient client) {
        this.fetcher = new UrlFetcher(client);
    }

    /**
     * Copies what the request selects from source into rootfs (the step's merged directory).
     *
     * @throws CopyException when the instruction cannot be carried out, with a message for the user
     */
    public void execute(CopyRequest request, SourceRoot source, Path rootfs) {
        validate(request);
        String verb = request.add() ? "add" : "copy";
        Owner chown = ChownResolver.resolve(request.chown(), rootfs).orElse(null);
        TreeCopier.CopyOptions options = new TreeCopier.CopyOptions(chown, source.keepOwners(),
                ModeSpec.parse(request.chmod()), excludes(request));
        Placement placement = new Placement(rootfs, chown);
        String dest = request.destinationPath();
        try {
            for (String src : request.sources()) {
                if (request.add() && UrlFetcher.isUrl(src)) {
                    copyUrl(request, src, dest, options, placement);
                } else if (request.parents()) {
                    copyWithParents(source, src, dest, options, placement, verb);
                } else {
                    copyLocal(request, source, src, dest, options, placement, verb);
                }
            }
            for (HeredocFile heredoc : request.heredocs()) {
                copyHeredoc(heredoc, dest, options, placement);
            }
        } catch (IOException e) {
            throw new CopyException("could not " + verb + " to " + dest + ": " + e, e);
        } catch (UncheckedIOException e) {
            throw new CopyException(e.getMessage(), e);
        }
    }

    /** The digest of what the request selects from source; see {@link SelectionDigest}. */
    public static Digest selectionDigest(CopyRequest request, SourceRoot source) {
        return SelectionDigest.of(request, source);
    }

    static void validate(CopyRequest request) {
        int count = request.sources().size() + request.heredocs().size();
        if (count == 0) {
            throw new CopyException(request.keyword() + " failed: no source files were specified");
        }
        String dest = request.destination();
        if (count > 1 && !dest.endsWith("/") && !dest.equals(".")) {
            throw new CopyException("When using " + request.keyword()
                    + " with more than one source file, the destination must be a directory and end with a /");
        }
        if (request.checksum() != null) {
            if (!request.add()) {
                throw new CopyException("could not copy: checksum can't be specified for COPY");
            }
            if (request.sources().size() != 1) {
                throw new CopyException("could not add: checksum can't be specified for multiple sources");
            }
            if (!UrlFetcher.isUrl(request.sources().get(0))) {
                throw new CopyException("could not add " + request.sources().get(0)
                        + ": checksum can't be specified for non-HTTP(S) sources");
            }
        }
        for (String src : request.sources()) {
            if (UrlFetcher.isGit(src)) {
                throw new CopyException("could not " + (request.add() ? "add " : "copy ") + src
                        + ": git sources are not supported by Shipyard yet; clone the repository in a RUN step instead");
            }
            if (UrlFetcher.isUrl(src) && !request.add()) {
                throw new CopyException("could not copy " + src + ": source can't be a URL for COPY; use ADD");
            }
        }
    }

    static DockerIgnore excludes(CopyRequest request) {
        return request.excludes().isEmpty() ? null : DockerIgnore.parse("--exclude", String.join("\n", request.excludes()));
    }

    private void copyLocal(CopyRequest request, SourceRoot source, String src, String dest,
                           TreeCopier.CopyOptions options, Placement placement, String verb) throws IOException {
        boolean wildcard = GoGlob.hasMeta(src);
        for (String match : SourceMatcher.expand(source.dir(), src, verb)) {
            if (wildcard && options.excluded(baseName(match))) {
                continue;
            }
            Path resolved = RootedPath.resolve(source.dir(), match);
            if (request.add() && ArchiveExtractor.isArchive(resolved)) {
                Path target = placement.mkdirs(dest);
                LOG.debug("extracting {} into {}", match, dest);
                ArchiveExtractor.extract(resolved, target, options.chown());
            } else {
                placement.copy(source.dir(), match, dest, new TreeCopier(placement.rootfs(), options), verb);
            }
        }
    }

    private void copyWithParents(SourceRoot source, String src, String dest, TreeCopier.CopyOptions options,
                                 Placement placement, String verb) throws IOException {
        int pivot = src.indexOf("/./");
        String base = pivot < 0 ? "/" : src.substring(0, pivot);
        String pattern = pivot < 0 ? src : src.substring(pivot + 3);
        Path baseDir = RootedPath.resolve(source.dir(), base);
        String dir = dest.endsWith("/") ? dest : dest + "/";
        for (String match : SourceMatcher.expand(baseDir, pattern, verb)) {
            placement.copyWithParents(baseDir, match, dir, new TreeCopier(placement.rootfs(), options), options);
        }
    }

    private void copyUrl(CopyRequest request, String url, String dest, TreeCopier.CopyOptions options,
                         Placement placement) throws IOException {
        Digest expected = request.checksum() == null ? null : parseChecksum(request.checksum());
        Path tmp = Files.createTempDirectory("shipyard-add-");
        try {
            Path file = fetcher.fetch(url, expected, tmp);
            TreeCopier.CopyOptions downloaded = new TreeCopier.CopyOptions(options.chown(), false, options.chmod(), null);
            placement.copy(tmp, "/" + file.getFileName(), dest, new TreeCopier(placement.rootfs(), downloaded), "add");
        } finally {
            deleteTree(tmp);
        }
    }

    private static Digest parseChecksum(String checksum) {
        try {
            return Digest.parse(checksum);
        } catch (IllegalArgumentException e) {
            throw new CopyException("could not use --checksum=" + checksum + ": " + e.getMessage(), e);
        }
    }

    private void copyHeredoc(HeredocFile heredoc, String dest, TreeCopier.CopyOptions options, Placement placement)
            throws IOException {
        Path tmp = Files.createTempDirectory("shipyard-heredoc-");
        try {
            Path file = tmp.resolve(heredoc.name());
            Files.writeString(file, heredoc.content(), StandardCharsets.UTF_8);
            FileOps.chmod(file, 0644);
            TreeCopier.CopyOptions inline = new TreeCopier.CopyOptions(options.chown(), false, options.chmod(), null);
            placement.copy(tmp, "/" + heredoc.name(), dest, new TreeCopier(placement.rootfs(), inline), "copy");
        } finally {
            deleteTree(tmp);
        }
    }

    static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            LOG.warn("could not remove temporary directory {}: {}", dir, e.toString());
        }
    }

    /** Decides where a source lands in the rootfs and creates missing parent directories. */
    record Placement(Path rootfs, Owner chown) {

        /** fsutil's prepareTargetDir: a non-directory goes into an existing directory under its own name. */
        void copy(Path srcRoot, String srcPath, String dest, TreeCopier copier, String verb) throws IOException {
            Path src = RootedPath.resolve(srcRoot, srcPath);
            if (!RootedPath.exists(src)) {
                throw new CopyException("could not " + verb + " \"" + srcPath + "\": not found");
            }
            mkdirs(dest.endsWith("/") ? dest : parentOf(dest));
            Path dst = RootedPath.resolve(rootfs, dest);
            boolean srcDirectory = Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS);
            if (!srcDirectory && Files.isDirectory(dst)) {
                dst = RootedPath.resolve(rootfs, "/" + rootfs.relativize(dst) + "/" + baseName(srcPath));
            }
            if (srcDirectory && !RootedPath.exists(dst)) {
                mkdirs("/" + rootfs.relativize(dst));
            } else {
                mkdirs("/" + rootfs.relativize(dst.getParent()));
            }
            copier.copyTop(src, dst);
        }

        /** --parents: the match keeps its path below the pivot; parent directories come from the source. */
        void copyWithParents(Path baseDir, String match, String destDir, TreeCopier copier,
                             TreeCopier.CopyOptions options) throws IOException {
            mkdirs(destDir);
            String[] parts = match.substring(1).split("/");
            String rel = "";
            for (int i = 0; i < parts.length - 1; i++) {
                rel = rel + "/" + parts[i];
                Path dst = RootedPath.resolve(rootfs, destDir + rel.substring(1));
                if (!RootedPath.exists(dst)) {
                    Files.createDirectory(dst);
                    FileOps.Stat stat = FileOps.lstat(RootedPath.resolve(baseDir, rel));
                    FileOps.lchown(dst, options.owner(stat));
                    FileOps.chmod(dst, options.mode(stat.permissions(), true));
                }
            }
            Path src = RootedPath.resolve(baseDir, match);
            copier.copyTop(src, RootedPath.resolve(rootfs, destDir + match.substring(1)));
        }

        /** Creates the directory and its missing parents (0755, --chown owner) and returns it. */
        Path mkdirs(String path) throws IOException {
            Path target = RootedPath.resolve(rootfs, path);
            Path current = rootfs;
            for (Path part : rootfs.relativize(target)) {
                current = current.resolve(part.toString());
                if (Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try {
                    Files.createDirectory(current);
                } catch (FileAlreadyExistsException e) {
                    throw new CopyException("could not create directory /" + rootfs.relativize(current)
                            + ": a file of that name is in the way", e);
                }
                FileOps.chmod(current, 0755);
                if (chown != null) {
                    FileOps.lchown(current, chown);
                }
            }
            return target;
        }

        private static String parentOf(String path) {
            int slash = path.lastIndexOf('/');
            return slash <= 0 ? "/" : path.substring(0, slash);
        }
    }
}
