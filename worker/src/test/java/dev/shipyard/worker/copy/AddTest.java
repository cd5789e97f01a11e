package dev.shipyard.worker.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.shipyard.oci.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddTest {

    static final byte[] PAYLOAD = "downloaded bytes\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;
    Path context;
    Path rootfs;
    HttpServer server;
    final CopyExecutor executor = new CopyExecutor();

    @BeforeEach
    void setUp() throws IOException {
        context = Files.createDirectory(tmp.resolve("context"));
        rootfs = Files.createDirectory(tmp.resolve("rootfs"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/files/", exchange -> {
            exchange.getResponseHeaders().add("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT");
            exchange.sendResponseHeaders(200, PAYLOAD.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(PAYLOAD);
            }
        });
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
    }

    static CopyRequest add(String dest, String source, String chown, String checksum) {
        return new CopyRequest(true, List.of(source), List.of(), dest, "/", chown, null, List.of(), false, checksum, false);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void run(CopyRequest request) {
        executor.execute(request, SourceRoot.context(context), rootfs);
    }

    static UnaryOperator<java.io.OutputStream> compressor(String kind) {
        return out -> {
            try {
                return switch (kind) {
                    case "gzip" -> new GZIPOutputStream(out);
                    case "bzip2" -> new BZip2CompressorOutputStream(out);
                    case "xz" -> new XZCompressorOutputStream(out);
                    default -> out;
                };
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    static byte[] sampleTar(String kind) throws IOException {
        return new TarBuilder().dir("pkg", 0750, 7, 8).file("pkg/run.sh", "run", 0755, 7, 8)
                .hardlink("pkg/again.sh", "pkg/run.sh").symlink("pkg/latest", "run.sh").bytes(compressor(kind));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "gzip", "bzip2", "xz"})
    void execute_localArchive_isExtractedWithOwnersAndHardLinks(String kind) throws IOException {
        Files.write(context.resolve("bundle.bin"), sampleTar(kind));

        run(add("/opt/", "bundle.bin", null, null));

        assertThat(Trees.describe(rootfs)).containsExactly("opt dir 755 0:0", "opt/pkg dir 750 7:8",
                "opt/pkg/again.sh file 755 7:8 run", "opt/pkg/latest symlink 777 0:0 -> run.sh",
                "opt/pkg/run.sh file 755 7:8 run");
        assertThat(Files.isSameFile(rootfs.resolve("opt/pkg/again.sh"), rootfs.resolve("opt/pkg/run.sh"))).isTrue();
        assertThat(Files.getLastModifiedTime(rootfs.resolve("opt/pkg")).toMillis()).isEqualTo(1_500_000_000_000L);
    }

    @Test
    void execute_archiveWithChown_overridesArchiveOwners() throws IOException {
        Files.write(context.resolve("b.tar"), sampleTar("plain"));

        run(add("/x/", "b.tar", "5:6", null));

        assertThat(Trees.describe(rootfs)).contains("x dir 755 5:6", "x/pkg dir 750 5:6", "x/pkg/run.sh file 755 5:6 run");
    }

    @Test
    void execute_gzipOfNonTar_isCopiedAsIs() throws IOException {
        byte[] gz = new TarBuilder().bytes(compressor("gzip"));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write("just text".getBytes(StandardCharsets.UTF_8));
        }
        Files.write(context.resolve("notes.gz"), out.toByteArray());
        Files.write(context.resolve("empty.tar.gz"), gz);

        run(add("/d/", "notes.gz", null, null));
        run(add("/d/", "empty.tar.gz", null, null));

        assertThat(Files.readAllBytes(rootfs.resolve("d/notes.gz"))).isEqualTo(out.toByteArray());
        assertThat(Files.readAllBytes(rootfs.resolve("d/empty.tar.gz"))).isEqualTo(gz);
    }

    @Test
    void execute_copyOfArchive_doesNotExtract() throws IOException {
        byte[] tar = sampleTar("gzip");
        Files.write(context.resolve("b.tgz"), tar);

        executor.execute(CopyExecutorTest.copy("/d/", "b.tgz"), SourceRoot.context(context), rootfs);

        assertThat(Files.readAllBytes(rootfs.resolve("d/b.tgz"))).isEqualTo(tar);
    }

    @Test
    void execute_archiveWithDotDotAndAbsoluteEntries_clampsThemIntoTheDestinationAsBuildKitDoes() throws IOException {
        Files.write(context.resolve("evil.tar"), new TarBuilder().file("ok", "fine", 0644, 0, 0)
                .file("../../escaped", "x", 0644, 0, 0).file("/etc/evil", "y", 0644, 0, 0).bytes());

        run(add("/d/", "evil.tar", null, null));

        assertThat(Trees.describe(rootfs)).containsExactly("d dir 755 0:0", "d/escaped file 644 0:0 x",
                "d/etc dir 755 0:0", "d/etc/evil file 644 0:0 y", "d/ok file 644 0:0 fine");
        assertThat(tmp.resolve("escaped")).doesNotExist();
    }

    @Test
    void execute_archiveWritingThroughSymlinkLeavingTheDestination_failsAndWritesNothingOutside() throws IOException {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.write(context.resolve("link.tar"), new TarBuilder().symlink("out", outside.toString())
                .file("out/pwned", "x", 0644, 0, 0).bytes());

        assertThatThrownBy(() -> run(add("/d/", "link.tar", null, null)))
                .isInstanceOf(CopyException.class)
                .hasMessage("could not extract link.tar: open /out/pwned: no such file or directory");
        try (var list = Files.list(outside)) {
            assertThat(list).isEmpty();
        }
    }

    @Test
    void execute_archiveWritingThroughSymlinkInsideTheDestination_followsIt() throws IOException {
        Files.write(context.resolve("up.tar"), new TarBuilder().dir("real", 0755, 0, 0)
                .symlink("up", "../../../../../../real").file("up/inner", "y", 0644, 0, 0).bytes());

        run(add("/d/", "up.tar", null, null));

        assertThat(Trees.describe(rootfs)).containsExactly("d dir 755 0:0", "d/real dir 755 0:0",
                "d/real/inner file 644 0:0 y", "d/up symlink 777 0:0 -> ../../../../../../real");
    }

    @Test
    void execute_url_downloadsWith0600NamedAfterPath() throws IOException {
        run(add("/dl/", url("/files/tool.tar.gz?x=1"), null, null));
        run(add("/named", url("/files/other"), null, null));

        assertThat(Trees.describe(rootfs)).containsExactly("dl dir 755 0:0", "dl/tool.tar.gz file 600 0:0 downloaded bytes\n",
                "named file 600 0:0 downloaded bytes\n");
        assertThat(Files.getLastModifiedTime(rootfs.resolve("named")).toInstant())
                .isEqualTo(java.time.Instant.parse("2015-10-21T07:28:00Z"));
    }

    @Test
    void execute_urlWithMatchingChecksum_succeeds() throws IOException {
        run(add("/c/", url("/files/a"), null, Digest.sha256(PAYLOAD).toString()));

        assertThat(Files.readAllBytes(rootfs.resolve("c/a"))).isEqualTo(PAYLOAD);
    }

    @Test
    void execute_urlWithWrongChecksum_failsNamingBothDigests() {
        String wrong = Digest.sha256("other").toString();

        assertThatThrownBy(() -> run(add("/c/", url("/files/a"), null, wrong)))
                .isInstanceOf(CopyException.class)
                .hasMessage("could not add " + url("/files/a") + ": checksum mismatch: expected " + wrong + ", got "
                        + Digest.sha256(PAYLOAD));
        assertThat(rootfs.resolve("c/a")).doesNotExist();
    }

    @Test
    void execute_urlNotFound_failsWithStatus() {
        assertThatThrownBy(() -> run(add("/c/", url("/nothing"), null, null)))
                .isInstanceOf(CopyException.class)
                .hasMessage("could not add " + url("/nothing") + ": the server answered HTTP 404");
    }

    @Test
    void execute_gitSource_isReportedAsUnsupported() {
        assertThatThrownBy(() -> run(add("/src/", "https://github.com/moby/buildkit.git#v0.12.0", null, null)))
                .isInstanceOf(CopyException.class)
                .hasMessage("could not add https://github.com/moby/buildkit.git#v0.12.0: git sources are not supported"
                        + " by Shipyard yet; clone the repository in a RUN step instead");
    }

    @Test
    void execute_checksumOnLocalSource_isRefused() throws IOException {
        Trees.file(context, "f", "F", 0644);

        assertThatThrownBy(() -> run(add("/c/", "f", null, Digest.sha256("F").toString())))
                .isInstanceOf(CopyException.class)
                .hasMessage("could not add f: checksum can't be specified for non-HTTP(S) sources");
    }
}
