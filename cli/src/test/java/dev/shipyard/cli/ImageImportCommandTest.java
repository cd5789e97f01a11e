package dev.shipyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipyard.cache.image.ImageStore;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.ImageConfig;
import dev.shipyard.oci.MediaTypes;
import dev.shipyard.oci.archive.ArchiveImage;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ImageImportCommandTest {
    @TempDir
    Path home;
    @RegisterExtension
    final CliRunner cli = new CliRunner();

    @BeforeEach
    void useTempHome() {
        cli.useHome(home.resolve("home"));
    }

    private int run(String... args) {
        return cli.run(args);
    }

    private static ArchiveImage stored(String name) throws Exception {
        return ImageCommand.localStore().resolve(name).orElseThrow();
    }

    @Test
    void import_busyboxRootfs_makesOneGzipLayerWhoseDiffIdIsTheTar() throws Exception {
        Path tar = BusyboxRootfs.write(home.resolve("rootfs.tar"));

        assertThat(run("image", "import", tar.toString(), "base/busybox:1", "--source-date-epoch", "1700000000")).isZero();

        ArchiveImage image = stored("base/busybox:1");
        ImageConfig config = image.config().value();
        assertThat(image.layers()).singleElement().satisfies(l -> assertThat(l.mediaType()).isEqualTo(MediaTypes.OCI_LAYER_GZIP));
        assertThat(config.rootfs().diffIds()).containsExactly(Digest.sha256(Files.readAllBytes(tar)));
        assertThat(config.config().envValue("PATH")).isEqualTo(RootfsImport.DEFAULT_PATH);
        assertThat(config.created()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(config.history()).singleElement().satisfies(h -> assertThat(h.emptyLayer()).isFalse());
        ImageStore store = ImageCommand.localStore();
        try (InputStream layer = new GZIPInputStream(store.blobs().open(image.layers().get(0).digest()))) {
            assertThat(layer.readAllBytes()).isEqualTo(Files.readAllBytes(tar));
        }
        assertThat(cli.out()).contains("Imported base/busybox:1").contains("Digest: " + image.manifest().digest());
    }

    @Test
    void import_sameTarTwiceWithSourceDateEpoch_givesTheSameManifestDigest() throws Exception {
        Path tar = BusyboxRootfs.write(home.resolve("rootfs.tar"));
        run("image", "import", tar.toString(), "a:1", "--source-date-epoch", "0");
        run("image", "import", tar.toString(), "b:1", "--source-date-epoch", "0");

        assertThat(stored("a:1").manifest().digest()).isEqualTo(stored("b:1").manifest().digest());
        assertThat(stored("a:1").config().value().created()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void import_gzippedTar_givesTheSameLayerAsThePlainTar() throws Exception {
        Path tar = BusyboxRootfs.write(home.resolve("rootfs.tar"));
        Path gz = home.resolve("rootfs.tar.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(tar, o);
        }
        run("image", "import", tar.toString(), "plain:1", "--source-date-epoch", "0");
        run("image", "import", gz.toString(), "gzipped:1", "--source-date-epoch", "0");

        assertThat(stored("gzipped:1").layers()).isEqualTo(stored("plain:1").layers());
    }

    @Test
    void import_notATar_exitsOneNamingTheFile() throws Exception {
        Path junk = Files.writeString(home.resolve("junk.tar"), "just some text, no tar header here");

        assertThat(run("image", "import", junk.toString(), "junk:1")).isEqualTo(1);

        assertThat(cli.err()).startsWith("could not import " + junk + ": " + junk + " is not a tar archive");
        assertThat(ImageCommand.localStore().resolve("junk:1")).isEmpty();
    }
}
