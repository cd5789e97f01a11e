package dev.shipyard.worker.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.dockerfile.instructions.HeredocFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyExecutorTest {

    @TempDir
    Path tmp;
    Path context;
    Path rootfs;
    final CopyExecutor executor = new CopyExecutor();

    @BeforeEach
    void setUp() throws IOException {
        context = Files.createDirectory(tmp.resolve("context"));
        rootfs = Files.createDirectory(tmp.resolve("rootfs"));
    }

    static CopyRequest copy(String dest, String... sources) {
        return new CopyRequest(false, List.of(sources), List.of(), dest, "/", null, null, List.of(), false, null, false);
    }

    static CopyRequest with(CopyRequest r, String chown, String chmod, List<String> excludes, String workdir) {
        return new CopyRequest(r.add(), r.sources(), r.heredocs(), r.destination(), workdir, chown, chmod, excludes,
                r.parents(), r.checksum(), r.keepGitDir());
    }

    void run(CopyRequest request) {
        executor.execute(request, SourceRoot.context(context), rootfs);
    }

    @Test
    void execute_fileToDirectoryWithSlash_createsParentsAndKeepsModeAndMtime() throws IOException {
        Path f = Trees.file(context, "app.sh", "echo hi", 0751);
        FileTime mtime = FileTime.fromMillis(1_600_000_000_000L);
        FileOps.setTimes(f, mtime, mtime);
        Files.setOwner(f, f.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));

        run(copy("/opt/bin/", "app.sh"));

        assertThat(Trees.describe(rootfs)).containsExactly(
                "opt dir 755 0:0", "opt/bin dir 755 0:0", "opt/bin/app.sh file 751 0:0 echo hi");
        assertThat(Files.getLastModifiedTime(rootfs.resolve("opt/bin/app.sh"))).isEqualTo(mtime);
    }

    @Test
    void execute_fileToPathWithoutSlash_writesThatFileName() throws IOException {
        Trees.file(context, "a.txt", "A", 0644);

        run(copy("/etc/renamed", "a.txt"));

        assertThat(Trees.describe(rootfs)).containsExactly("etc dir 755 0:0", "etc/renamed file 644 0:0 A");
    }

    @Test
    void execute_fileToExistingDirectoryWithoutSlash_goesInsideIt() throws IOException {
        Trees.file(context, "a.txt", "A", 0644);
        Trees.dir(rootfs, "data", 0700);

        run(copy("/data", "a.txt"));

        assertThat(Trees.describe(rootfs)).containsExactly("data dir 700 0:0", "data/a.txt file 644 0:0 A");
    }

    @Test
    void execute_relativeDestination_isResolvedAgainstWorkdir() throws IOException {
        Trees.file(context, "a.txt", "A", 0644);

        run(with(copy("sub/", "a.txt"), null, null, List.of(), "/srv/app"));
        run(with(copy(".", "a.txt"), null, null, List.of(), "/srv/app"));

        assertThat(Trees.read(rootfs, "srv/app/sub/a.txt")).isEqualTo("A");
        assertThat(Trees.read(rootfs, "srv/app/a.txt")).isEqualTo("A");
    }

    @Test
    void execute_directorySource_copiesItsContentsWithSymlinksAsLinks() throws IOException {
        Trees.dir(context, "src", 0750);
        Trees.file(context, "src/x/y.txt", "Y", 0600);
        FileOps.chmod(context.resolve("src/x"), 0711);
        Trees.link(context, "src/link", "x/y.txt");
        Trees.link(context, "src/abs", "/etc/passwd");

        run(copy("/dst", "src"));

        assertThat(Trees.describe(rootfs)).containsExactly(
                "dst dir 755 0:0", "dst/abs symlink 777 0:0 -> /etc/passwd", "dst/link symlink 777 0:0 -> x/y.txt",
                "dst/x dir 711 0:0", "dst/x/y.txt file 600 0:0 Y");
    }

    @Test
    void execute_directoryIntoExistingDirectory_mergesAndKeepsTargetMetadata() throws IOException {
        Trees.file(context, "src/new.txt", "N", 0644);
        Trees.file(rootfs, "dst/old.txt", "O", 0644);
        FileOps.chmod(rootfs.resolve("dst"), 0700);

        run(copy("/dst/", "src"));

        assertThat(Trees.describe(rootfs)).containsExactly(
                "dst dir 700 0:0", "dst/new.txt file 644 0:0 N", "dst/old.txt file 644 0:0 O");
    }

    @Test
    void execute_multipleSourcesWithoutTrailingSlash_fails() throws IOException {
        Trees.file(context, "a", "A", 0644);
        Trees.file(context, "b", "B", 0644);

        assertThatThrownBy(() -> run(copy("/dst", "a", "b")))
                .isInstanceOf(CopyException.class)
                .hasMessage("When using COPY with more than one source file, the destination must be a directory and end with a /");
    }

    @Test
    void execute_multipleSourcesToDot_copiesIntoWorkdir() throws IOException {
        Trees.file(context, "a", "A", 0644);
        Trees.file(context, "b", "B", 0644);

        run(with(copy(".", "a", "b"), null, null, List.of(), "/w"));

        assertThat(Trees.describe(rootfs)).containsExactly("w dir 755 0:0", "w/a file 644 0:0 A", "w/b file 644 0:0 B");
    }

    @Test
    void execute_missingSource_failsNamingThePath() {
        assertThatThrownBy(() -> run(copy("/dst/", "missing.txt")))
                .isInstanceOf(CopyException.class).hasMessage("could not copy \"/missing.txt\": not found");
    }

    @Test
    void execute_wildcardInMissingDirectory_failsWithLstat() {
        assertThatThrownBy(() -> run(copy("/dst/", "nodir/*.txt")))
                .isInstanceOf(CopyException.class)
                .hasMessage("could not copy \"/nodir/*.txt\": lstat /nodir: no such file or directory");
    }

    @Test
    void execute_wildcardMatchingNothing_copiesNothingAsBuildKitDoes() throws IOException {
        Trees.file(context, "a.txt", "A", 0644);

        run(copy("/dst/", "*.md"));

        assertThat(Trees.describe(rootfs)).isEmpty();
    }

    @Test
    void execute_wildcards_matchPerSegmentWithGoSyntax() throws IOException {
        Trees.file(context, "a1.txt", "1", 0644);
        Trees.file(context, "a2.txt", "2", 0644);
        Trees.file(context, "b1.txt", "b", 0644);
        Trees.file(context, "sub/a3.txt", "3", 0644);
        Trees.file(context, "dir1/in.go", "go", 0644);
        Trees.file(context, "dir2/in.go", "go2", 0644);

        run(copy("/t/", "a[0-9].txt", "?1.txt", "d*/in.go"));

        assertThat(Trees.describe(rootfs)).containsExactly("t dir 755 0:0",
                "t/a1.txt file 644 0:0 1", "t/a2.txt file 644 0:0 2", "t/b1.txt file 644 0:0 b",
                "t/in.go file 644 0:0 go2");
    }

    @Test
    void execute_chownName_resolvesThroughDestinationPasswdAndChownsCreatedDirectories() throws IOException {
        Trees.file(rootfs, "etc/passwd", "root:x:0:0::/root:/bin/sh\napp:x:1000:1001::/home/app:/bin/sh\n", 0644);
        Trees.file(rootfs, "etc/group", "root:x:0:\nstaff:x:50:\n", 0644);
        Trees.file(context, "f", "F", 0644);

        run(with(copy("/home/app/new/", "f"), "app", null, List.of(), "/"));
        run(with(copy("/g/", "f"), "app:staff", null, List.of(), "/"));
        run(with(copy("/n/", "f"), "1234", null, List.of(), "/"));
        run(with(copy("/c/", "f"), ":staff", null, List.of(), "/"));
        run(with(copy("/u/", "f"), "ghost", null, List.of(), "/"));

        assertThat(Trees.describe(rootfs)).contains(
                "home dir 755 1000:1001", "home/app dir 755 1000:1001", "home/app/new dir 755 1000:1001",
                "home/app/new/f file 644 1000:1001 F", "g/f file 644 1000:50 F", "n/f file 644 1234:1234 F",
                "c/f file 644 0:50 F", "u/f file 644 0:0 F");
    }

    @Test
    void execute_stageSourceWithoutChown_keepsOwners() throws IOException {
        Path stage = Files.createDirectory(tmp.resolve("stage"));
        Path f = Trees.file(stage, "opt/tool", "T", 0755);
        FileOps.lchown(f, new Owner(42, 43));

        executor.execute(copy("/bin/", "/opt/tool"), SourceRoot.rootfs(stage), rootfs);

        assertThat(Trees.describe(rootfs)).containsExactly("bin dir 755 0:0", "bin/tool file 755 42:43 T");
    }

    @Test
    void execute_chmodOctalAndSymbolic_setModes() throws IOException {
        Trees.file(context, "d/f", "F", 0600);
        FileOps.chmod(context.resolve("d"), 0700);

        run(with(copy("/oct/", "d"), null, "0640", List.of(), "/"));
        run(with(copy("/sym", "d"), null, "go+rX", List.of(), "/"));

        assertThat(Trees.describe(rootfs)).containsExactly("oct dir 755 0:0", "oct/f file 640 0:0 F",
                "sym dir 755 0:0", "sym/f file 644 0:0 F");
    }

    @Test
    void execute_excludePatterns_leaveOutMatchingFiles() throws IOException {
        Trees.file(context, "hom1.txt", "1", 0644);
        Trees.file(context, "hom2.md", "2", 0644);
        Trees.file(context, "dir/keep.go", "k", 0644);
        Trees.file(context, "dir/skip.txt", "s", 0644);
        Trees.file(context, "dir/vendor/x.go", "v", 0644);

        run(with(copy("/w/", "hom*", "dir"), null, null, List.of("*.txt", "vendor"), "/"));

        assertThat(Trees.describe(rootfs)).containsExactly("w dir 755 0:0", "w/hom2.md file 644 0:0 2",
                "w/keep.go file 644 0:0 k");
    }

    @Test
    void execute_parents_keepsSourcePathsAndHonoursPivot() throws IOException {
        Trees.file(context, "x/a.txt", "a", 0644);
        Trees.file(context, "y/b.txt", "b", 0644);
        Trees.file(context, "base/deep/c.txt", "c", 0644);
        FileOps.chmod(context.resolve("x"), 0750);
        CopyRequest parents = new CopyRequest(false, List.of("x/a.txt", "y/*.txt", "base/./deep/c.txt"), List.of(),
                "/p/", "/", null, null, List.of(), true, null, false);

        run(parents);

        assertThat(Trees.describe(rootfs)).containsExactly("p dir 755 0:0", "p/deep dir 755 0:0",
                "p/deep/c.txt file 644 0:0 c", "p/x dir 750 0:0", "p/x/a.txt file 644 0:0 a",
                "p/y dir 755 0:0", "p/y/b.txt file 644 0:0 b");
    }

    @Test
    void execute_destinationSymlink_isFollowedInsideRootfs() throws IOException {
        Trees.file(rootfs, "bin/busybox", "BB", 0755);
        Trees.link(rootfs, "bin/vi", "busybox");
        Trees.link(rootfs, "usr/bin", "/bin");
        Trees.file(context, "vi", "VIM", 0755);

        run(copy("/usr/bin/vi", "vi"));

        assertThat(Trees.read(rootfs, "bin/busybox")).isEqualTo("VIM");
        assertThat(Files.isSymbolicLink(rootfs.resolve("bin/vi"))).isTrue();
    }

    @Test
    void execute_danglingDestinationSymlink_createsItsTarget() throws IOException {
        Trees.link(rootfs, "etc/conf", "/data/conf.real");
        Trees.file(context, "conf", "C", 0644);

        run(copy("/etc/conf", "conf"));

        assertThat(Trees.read(rootfs, "data/conf.real")).isEqualTo("C");
        assertThat(Files.isSymbolicLink(rootfs.resolve("etc/conf"))).isTrue();
    }

    @Test
    void execute_destinationSymlinkEscapingRoot_staysInsideRootfs() throws IOException {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Trees.link(rootfs, "escape", "../../../../" + outside.toString().substring(1));
        Trees.link(rootfs, "abs", outside.toString());
        Trees.file(context, "f", "F", 0644);

        run(copy("/escape/", "f"));
        run(copy("/abs/", "f"));

        try (var list = Files.list(outside)) {
            assertThat(list).isEmpty();
        }
        assertThat(Trees.read(rootfs, outside.toString().substring(1) + "/f")).isEqualTo("F");
    }

    @Test
    void execute_sourceSymlinkNamedDirectly_isFollowedButNotOutOfTheContext() throws IOException {
        Trees.file(context, "real/data.txt", "D", 0644);
        Trees.link(context, "alias.txt", "real/data.txt");
        Trees.link(context, "dangling", "nowhere");
        Path secret = Trees.file(tmp, "secret", "S", 0644);
        Trees.link(context, "sneaky", "../secret");

        run(copy("/d/", "alias.txt"));

        assertThat(Trees.describe(rootfs)).containsExactly("d dir 755 0:0", "d/alias.txt file 644 0:0 D");
        assertThatThrownBy(() -> run(copy("/d/", "dangling")))
                .isInstanceOf(CopyException.class).hasMessage("could not copy \"/dangling\": not found");
        assertThatThrownBy(() -> run(copy("/d/", "sneaky")))
                .isInstanceOf(CopyException.class).hasMessage("could not copy \"/sneaky\": not found");
        assertThat(secret).exists();
    }

    @Test
    void execute_hardLinksInOneCopy_stayHardLinks() throws IOException {
        Path a = Trees.file(context, "d/a", "same", 0644);
        Files.createLink(context.resolve("d/b"), a);

        run(copy("/h/", "d"));

        assertThat(Files.isSameFile(rootfs.resolve("h/a"), rootfs.resolve("h/b"))).isTrue();
        assertThat(FileOps.lstat(rootfs.resolve("h/a")).links()).isEqualTo(2);
    }

    @Test
    void execute_typeClashInsideTree_failsClearly() throws IOException {
        Trees.file(context, "d/x/inner", "X", 0644);
        Trees.file(rootfs, "target/x", "file", 0644);
        Trees.file(context, "e/y", "Y", 0644);
        Trees.dir(rootfs, "target/y", 0755);

        assertThatThrownBy(() -> run(copy("/target/", "d")))
                .isInstanceOf(CopyException.class)
                .hasMessage("could not copy to /target/x: cannot copy a directory onto a non-directory");
        assertThatThrownBy(() -> run(copy("/target/", "e")))
                .isInstanceOf(CopyException.class)
                .hasMessage("could not copy to /target/y: cannot replace a directory with a file");
    }

    @Test
    void execute_heredoc_writesFileNamedAfterDelimiterWith0644() throws IOException {
        CopyRequest heredoc = new CopyRequest(false, List.of(), List.of(new HeredocFile("hello.sh", "echo hi\n", true,
                false, 0)), "/scripts/", "/", null, null, List.of(), false, null, false);

        executor.execute(heredoc, SourceRoot.context(context), rootfs);

        assertThat(Trees.describe(rootfs).toString()).isEqualTo("[scripts dir 755 0:0, scripts/hello.sh file 644 0:0 echo hi\n]");
    }

    @Test
    void execute_copyWithUrl_isRefused() {
        assertThatThrownBy(() -> run(copy("/d/", "https://example.com/x")))
                .isInstanceOf(CopyException.class)
                .hasMessage("could not copy https://example.com/x: source can't be a URL for COPY; use ADD");
    }

    @Test
    void execute_wholeContext_copiesItsContents() throws IOException {
        Trees.file(context, "a", "A", 0644);
        Trees.file(context, "sub/b", "B", 0600);

        run(with(copy(".", "."), null, null, List.of(), "/app"));

        assertThat(Trees.describe(rootfs)).containsExactly("app dir 755 0:0", "app/a file 644 0:0 A",
                "app/sub dir 755 0:0", "app/sub/b file 600 0:0 B");
    }

    @Test
    void execute_sourceDirectoryLinkNamedDirectly_copiesTheTargetContents() throws IOException {
        Trees.file(context, "dir/a", "A", 0640);
        Trees.link(context, "dirlink", "dir");

        run(copy("/c9", "dirlink"));

        assertThat(Trees.describe(rootfs)).containsExactly("c9 dir 755 0:0", "c9/a file 640 0:0 A");
    }

    @Test
    void execute_fileWithCapabilityAndUserXattr_keepsThemAfterChown() throws IOException {
        Path ping = Trees.file(context, "ping", "ELF", 0755);
        byte[] netRaw = {1, 0, 0, 2, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertThat(Libc.setXattr(ping, "security.capability", netRaw)).isTrue();
        assertThat(Libc.setXattr(ping, "user.origin", "ctx".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isTrue();

        run(with(copy("/bin/", "ping"), "7:7", null, List.of(), "/"));

        Path copied = rootfs.resolve("bin/ping");
        assertThat(Libc.getXattr(copied, "security.capability")).isEqualTo(netRaw);
        assertThat(Libc.getXattr(copied, "user.origin")).asString().isEqualTo("ctx");
        assertThat(FileOps.lstat(copied).owner()).isEqualTo(new Owner(7, 7));
    }

    @Test
    void execute_stageDirectoryToNewDestination_createsItRootOwnedAndKeepsChildOwners() throws IOException {
        Path stage = Files.createDirectory(tmp.resolve("stage"));
        Path e = Trees.dir(stage, "d/e", 0700);
        FileOps.lchown(e, new Owner(5, 6));
        FileOps.lchown(stage.resolve("d"), new Owner(9, 9));

        executor.execute(copy("/dd/", "/d"), SourceRoot.rootfs(stage), rootfs);

        assertThat(Trees.describe(rootfs)).containsExactly("dd dir 755 0:0", "dd/e dir 700 5:6");
    }

    @Test
    void execute_stageWithDeviceAndFifo_recreatesThem() throws IOException {
        Path stage = Files.createDirectory(tmp.resolve("stage"));
        Files.createDirectories(stage.resolve("dev"));
        Libc.mknod(stage.resolve("dev/null"), 0020666, Libc.makedev(1, 3));
        FileOps.chmod(stage.resolve("dev/null"), 0666);
        FileOps.mkfifo(stage.resolve("dev/pipe"), 0600);

        executor.execute(copy("/dev/", "/dev"), SourceRoot.rootfs(stage), rootfs);

        FileOps.Stat device = FileOps.lstat(rootfs.resolve("dev/null"));
        assertThat(device.isDevice()).isTrue();
        assertThat(device.rdev()).isEqualTo(Libc.makedev(1, 3));
        assertThat(device.permissions()).isEqualTo(0666);
        assertThat(FileOps.lstat(rootfs.resolve("dev/pipe")).isFifo()).isTrue();
    }
}
