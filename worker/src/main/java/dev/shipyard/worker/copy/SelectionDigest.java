package dev.shipyard.worker.copy;

import dev.shipyard.dockerfile.instructions.HeredocFile;
import dev.shipyard.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The cache-key input of a COPY or ADD, computed before it runs: for every selected entry, in a fixed
 * order, its path, type, mode, content digest or link target, and its owner when the owner would be
 * kept. Timestamps and files the instruction does not select play no part.
 */
final class SelectionDigest {

    private SelectionDigest() {
    }

    static Digest of(CopyRequest request, SourceRoot source) {
        CopyExecutor.validate(request);
        String verb = request.add() ? "add" : "copy";
        boolean owners = source.keepOwners() && (request.chown() == null || request.chown().isEmpty());
        TreeCopier.CopyOptions options = new TreeCopier.CopyOptions(null, owners, null, CopyExecutor.excludes(request));
        StringBuilder text = new StringBuilder();
        try {
            for (String src : request.sources()) {
                text.append("source ").append(src).append('\n');
                if (UrlFetcher.isUrl(src)) {
                    text.append("url ").append(src).append(' ').append(request.checksum()).append('\n');
                    continue;
                }
                for (String match : matches(request, source, src, verb)) {
                    describe(source.dir(), match, options, text);
                }
            }
            for (HeredocFile heredoc : request.heredocs()) {
                text.append("heredoc ").append(heredoc.name()).append(' ').append(Digest.sha256(heredoc.content()))
                        .append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the sources of " + request.keyword() + ": " + e.getMessage(), e);
        }
        return Digest.sha256(text.toString());
    }

    private static List<String> matches(CopyRequest request, SourceRoot source, String src, String verb) {
        if (!request.parents()) {
            boolean wildcard = GoGlob.hasMeta(src);
            TreeCopier.CopyOptions none = new TreeCopier.CopyOptions(null, false, null, CopyExecutor.excludes(request));
            return SourceMatcher.expand(source.dir(), src, verb).stream()
                    .filter(m -> !wildcard || !none.excluded(CopyExecutor.baseName(m))).toList();
        }
        int pivot = src.indexOf("/./");
        String base = pivot < 0 ? "/" : src.substring(0, pivot);
        String pattern = pivot < 0 ? src : src.substring(pivot + 3);
        String prefix = RootedPath.cleanAbsolute(base);
        return SourceMatcher.expand(RootedPath.resolve(source.dir(), base), pattern, verb).stream()
                .map(m -> (prefix.equals("/") ? "" : prefix) + m).toList();
    }

    private static void describe(Path root, String match, TreeCopier.CopyOptions options, StringBuilder text)
            throws IOException {
        Path top = RootedPath.resolve(root, match);
        List<String> entries = new ArrayList<>();
        entries.add("");
        if (Files.isDirectory(top, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(top)) {
                walk.filter(p -> !p.equals(top)).map(p -> top.relativize(p).toString())
                        .filter(rel -> !excludedWithParents(options, rel)).sorted().forEach(entries::add);
            }
        }
        for (String rel : entries) {
            Path path = rel.isEmpty() ? top : top.resolve(rel);
            FileOps.Stat stat = FileOps.lstat(path);
            text.append(match).append(rel.isEmpty() ? "" : "/" + rel).append('\t').append(stat.type()).append('\t')
                    .append(Integer.toOctalString(stat.permissions())).append('\t').append(content(path, stat));
            if (options.keepOwners()) {
                text.append('\t').append(stat.owner());
            }
            text.append('\n');
        }
    }

    private static boolean excludedWithParents(TreeCopier.CopyOptions options, String rel) {
        for (int slash = rel.indexOf('/'); slash > 0; slash = rel.indexOf('/', slash + 1)) {
            if (options.excluded(rel.substring(0, slash))) {
                return true;
            }
        }
        return options.excluded(rel);
    }

    private static String content(Path path, FileOps.Stat stat) throws IOException {
        if (stat.isSymlink()) {
            return "-> " + Files.readSymbolicLink(path);
        }
        if (!stat.isRegular()) {
            return "-";
        }
        MessageDigest sha = Digest.newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return Digest.ofHash(sha.digest()).toString();
    }
}
