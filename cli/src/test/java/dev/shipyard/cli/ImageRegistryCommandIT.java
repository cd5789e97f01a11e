package dev.shipyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.archive.ArchiveImage;
import dev.shipyard.registry.RegistryServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code shipyard image import|push|pull} against a real docker-registry, checked with skopeo. */
class ImageRegistryCommandIT {
    @TempDir
    static Path shared;
    private static RegistryServer registry;
    private static RegistryServer locked;
    private static Path rootfs;

    @TempDir
    Path home;
    @RegisterExtension
    final CliRunner cli = new CliRunner();

    @BeforeAll
    static void startRegistries() throws IOException {
        registry = RegistryServer.open(Files.createDirectories(shared.resolve("open")));
        locked = RegistryServer.withBasicAuth(Files.createDirectories(shared.resolve("locked")), "shipyard", "s3cret");
        rootfs = BusyboxRootfs.write(shared.resolve("rootfs.tar"));
    }

    @AfterAll
    static void stopRegistries() {
        registry.close();
        locked.close();
    }

    @BeforeEach
    void useTempHome() {
        cli.useHome(home);
    }

    private int run(String... args) {
        return cli.run(args);
    }

    private static ArchiveImage stored(String name) throws IOException {
        return ImageCommand.localStore().resolve(name).orElseThrow();
    }

    @Test
    void buildPush_pushesEveryTagAndSkopeoReadsIt() throws Exception {
        assertThat(run("image", "import", rootfs.toString(), "busybox:1", "--source-date-epoch", "1700000000")).isZero();
        Path context = Files.createDirectories(home.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox:1\nRUN echo pushed > /pushed.txt\nCMD [\"cat\", \"/pushed.txt\"]\n");
        String remote = registry.host() + "/x/built:1";

        assertThat(run("build", "--local", "--progress", "plain", "-t", remote, "--push", context.toString()))
                .as(cli.err()).isZero();

        Digest built = stored(remote).manifest().digest();
        assertThat(cli.err()).contains("pushed " + remote + " " + built);
        JsonNode inspect = new ObjectMapper().readTree(exec("skopeo", "inspect", "--tls-verify=false", "docker://" + remote));
        assertThat(inspect.path("Digest").asText()).isEqualTo(built.toString());
        assertThat(inspect.path("Layers")).hasSize(2);
    }

    @Test
    void buildPush_withoutTag_isRefusedBeforeBuilding() {
        assertThat(run("build", "--local", "--push", home.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("--push needs at least one -t NAME:TAG");
    }

    @Test
    void importPushInspectRmPull_keepsTheManifestDigest() throws Exception {
        String remote = registry.host() + "/x/busybox:1";
        assertThat(run("image", "import", rootfs.toString(), "busybox:1", "--source-date-epoch", "1700000000")).isZero();
        Digest imported = stored("busybox:1").manifest().digest();

        assertThat(run("image", "push", "busybox:1", remote)).as(cli.err()).isZero();
        assertThat(cli.out()).contains("Pushed " + remote + ": 2 uploaded").contains("Digest: " + imported);
        JsonNode inspect = new ObjectMapper().readTree(exec("skopeo", "inspect", "--tls-verify=false", "docker://" + remote));
        assertThat(inspect.path("Digest").asText()).isEqualTo(imported.toString());
        assertThat(inspect.path("Layers").get(0).asText()).isEqualTo(stored("busybox:1").layers().get(0).digest().toString());
        assertThat(inspect.path("Env").get(0).asText()).isEqualTo("PATH=" + RootfsImport.DEFAULT_PATH);

        assertThat(run("image", "rm", "busybox:1", remote)).isZero();
        assertThat(ImageCommand.localStore().list()).isEmpty();
        assertThat(run("image", "pull", remote)).as(cli.err()).isZero();

        assertThat(cli.out()).contains(remote + ": pulled").contains("Digest: " + imported);
        assertThat(stored(remote).manifest().digest()).isEqualTo(imported);
    }

    @Test
    void pull_imageAlreadyCurrent_saysSoAndKeepsIt() throws Exception {
        String remote = registry.host() + "/x/current:1";
        run("image", "import", rootfs.toString(), remote, "--source-date-epoch", "0");
        assertThat(run("image", "push", remote)).as(cli.err()).isZero();

        assertThat(run("image", "pull", remote)).isZero();

        assertThat(cli.out()).contains(remote + ": image is up to date");
    }

    @Test
    void push_toSiblingRepositoryOfTheSameRegistry_mountsTheLayer() throws Exception {
        String first = registry.host() + "/x/first:1";
        run("image", "import", rootfs.toString(), first, "--source-date-epoch", "0");
        assertThat(run("image", "push", first)).as(cli.err()).isZero();

        assertThat(run("image", "push", first, registry.host() + "/y/second:1")).as(cli.err()).isZero();

        assertThat(cli.out()).contains("0 uploaded, 2 mounted");
        assertThat(stored(registry.host() + "/y/second:1").manifest().digest()).isEqualTo(stored(first).manifest().digest());
    }

    @Test
    void push_registryDemandingCredentials_exitsOneNamingRegistryAndScope() {
        run("image", "import", rootfs.toString(), "busybox:1", "--source-date-epoch", "0");

        assertThat(run("image", "push", "busybox:1", locked.host() + "/x/busybox:1")).isEqualTo(1);

        assertThat(cli.err()).startsWith("could not push busybox:1 to " + locked.host() + "/x/busybox:1: ")
                .contains("could not authenticate to registry " + locked.host())
                .contains("repository:x/busybox:pull,push");
    }

    @Test
    void pull_unknownImage_exitsOneSayingWhereItLooked() {
        String missing = registry.host() + "/x/missing:1";

        assertThat(run("image", "pull", missing)).isEqualTo(1);

        assertThat(cli.err()).isEqualToIgnoringNewLines("could not pull " + missing
                + ": not found in the local store nor in registry " + registry.host() + " (no manifest 1 in repository x/missing)");
    }

    @Test
    void push_unknownLocalImage_exitsOne() {
        assertThat(run("image", "push", "ghost:1", registry.host() + "/x/ghost:1")).isEqualTo(1);

        assertThat(cli.err()).contains("image ghost:1 not found in the local image store");
    }

    private static String exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        return output;
    }
}
