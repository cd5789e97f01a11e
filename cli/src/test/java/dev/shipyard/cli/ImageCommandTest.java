package dev.shipyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipyard.cache.image.ImageStore;
import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.History;
import dev.shipyard.oci.ImageConfig;
import dev.shipyard.oci.MediaTypes;
import dev.shipyard.oci.Platform;
import dev.shipyard.oci.archive.ArchiveImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ImageCommandTest {

    @TempDir
    Path home;
    @RegisterExtension
    final CliRunner cli = new CliRunner();

    @BeforeEach
    void useTempHome() {
        cli.useHome(home);
    }

    private int run(String... args) {
        return cli.run(args);
    }

    private static void storeImage(String name) throws Exception {
        ImageStore store = ImageCommand.localStore();
        byte[] layer = "not really a tar, but a blob all the same".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(layer);
        store.blobs().put(digest, new ByteArrayInputStream(layer), layer.length);
        ImageConfig config = ImageConfig.scratch(Platform.parse("linux/amd64"))
                .addLayer(digest, History.of(null, "COPY x / # buildkit"));
        store.put(ArchiveImage.of(List.of(name), config,
                List.of(new Descriptor(MediaTypes.OCI_LAYER, digest, layer.length))));
    }

    @Test
    void saveRmLoadLs_roundTripThroughAnArchive() throws Exception {
        storeImage("demo:1.0");
        Path archive = home.resolve("demo.tar");
        assertThat(run("image", "save", "demo:1.0", "-o", archive.toString())).isZero();
        assertThat(Files.size(archive)).isPositive();
        assertThat(run("image", "rm", "demo:1.0")).isZero();
        assertThat(cli.out()).contains("Untagged: demo:1.0");
        assertThat(run("image", "ls")).isZero();
        assertThat(cli.out()).doesNotContain("demo:1.0");
        assertThat(run("image", "load", archive.toString())).isZero();
        assertThat(cli.out()).contains("Loaded image: demo:1.0");
        assertThat(run("image", "ls")).isZero();
        assertThat(cli.out()).contains("demo:1.0");
    }

    @Test
    void save_unknownImage_exitsOneAndLeavesNoFile() {
        Path archive = home.resolve("none.tar");
        assertThat(run("image", "save", "nope:1", "-o", archive.toString())).isEqualTo(1);
        assertThat(cli.err()).contains("could not save nope:1: image nope:1 not found in the local image store");
        assertThat(archive).doesNotExist();
        assertThat(archive.resolveSibling("none.tar.partial")).doesNotExist();
    }

    @Test
    void rm_unknownImage_exitsOne() {
        assertThat(run("image", "rm", "ghost:1")).isEqualTo(1);
        assertThat(cli.err()).contains("could not remove ghost:1: no such image");
    }

    @Test
    void load_garbageFile_exitsOneNamingIt() throws Exception {
        Path junk = Files.writeString(home.resolve("junk.tar"), "this is not a tar");
        assertThat(run("image", "load", junk.toString())).isEqualTo(1);
        assertThat(cli.err()).startsWith("could not load " + junk);
    }
}
