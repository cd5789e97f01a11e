package dev.shipyard.dockerfile.ignore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextFilesTest {

    @TempDir
    Path context;

    @BeforeEach
    void layOutContext() throws IOException {
        write("Dockerfile", "FROM scratch\n");
        write("README.md", "readme");
        write("notes.txt", "notes");
        write("src/Main.java", "class Main {}");
        write("src/app.log", "log");
        write("docs/guide.md", "guide");
        write("docs/keep.md", "keep");
    }

    private void write(String relative, String content) throws IOException {
        Path file = context.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void forBuild_noIgnoreFile_sendsEverything() {
        DockerIgnore ignore = DockerIgnore.forBuild(context, context.resolve("Dockerfile"));
        assertThat(ContextFiles.walk(context, ignore)).containsExactly(
                "Dockerfile", "README.md", "docs", "docs/guide.md", "docs/keep.md", "notes.txt",
                "src", "src/Main.java", "src/app.log");
    }

    @Test
    void forBuild_contextDockerignore_appliesExceptionsAndParentRules() throws IOException {
        write(".dockerignore", "# build context\n*.txt\n**/*.log\ndocs\n!docs/keep.md\n");
        DockerIgnore ignore = DockerIgnore.forBuild(context, context.resolve("Dockerfile"));
        assertThat(ignore.sourceName()).isEqualTo(".dockerignore");
        assertThat(ContextFiles.walk(context, ignore)).containsExactly(
                ".dockerignore", "Dockerfile", "README.md", "docs", "docs/keep.md", "src", "src/Main.java");
    }

    @Test
    void forBuild_dockerfileSpecificIgnore_takesPrecedence() throws IOException {
        write(".dockerignore", "*.txt\n");
        write("build/app.Dockerfile", "FROM scratch\n");
        write("build/app.Dockerfile.dockerignore", "*.md\ndocs\n");
        DockerIgnore ignore = DockerIgnore.forBuild(context, context.resolve("build/app.Dockerfile"));
        assertThat(ignore.sourceName()).isEqualTo("build/app.Dockerfile.dockerignore");
        assertThat(ContextFiles.walk(context, ignore))
                .contains("notes.txt", "build/app.Dockerfile", "build/app.Dockerfile.dockerignore")
                .doesNotContain("README.md", "docs", "docs/keep.md");
    }

    @Test
    void forBuild_dockerfileOutsideContext_findsItsOwnIgnoreFile(@TempDir Path elsewhere) throws IOException {
        Files.writeString(elsewhere.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(elsewhere.resolve("Dockerfile.dockerignore"), "src\n");
        DockerIgnore ignore = DockerIgnore.forBuild(context, elsewhere.resolve("Dockerfile"));
        assertThat(ignore.kept()).isEmpty();
        assertThat(ContextFiles.walk(context, ignore)).doesNotContain("src", "src/Main.java").contains("Dockerfile", "notes.txt");
    }

    @Test
    void forBuild_ignoringEverything_stillKeepsDockerfileAndIgnoreFile() throws IOException {
        write(".dockerignore", "*\n");
        DockerIgnore ignore = DockerIgnore.forBuild(context, context.resolve("Dockerfile"));
        assertThat(ContextFiles.walk(context, ignore)).containsExactly(".dockerignore", "Dockerfile");
    }

    @Test
    void walk_dockerfileInExcludedDirectory_bringsItsParentAlong() throws IOException {
        write("docker/Dockerfile", "FROM scratch\n");
        write("docker/secret", "x");
        write(".dockerignore", "docker\n");
        DockerIgnore ignore = DockerIgnore.forBuild(context, context.resolve("docker/Dockerfile"));
        assertThat(ContextFiles.walk(context, ignore))
                .contains("docker", "docker/Dockerfile")
                .doesNotContain("docker/secret");
    }

    @Test
    void walk_symlinks_areListedButNeverFollowed(@TempDir Path outside) throws IOException {
        Files.writeString(outside.resolve("private.key"), "secret");
        Files.createSymbolicLink(context.resolve("link-to-outside"), outside);
        Files.createSymbolicLink(context.resolve("dangling"), context.resolve("missing"));
        assertThat(ContextFiles.walk(context, DockerIgnore.none()))
                .contains("link-to-outside", "dangling")
                .noneMatch(path -> path.startsWith("link-to-outside/"));
    }

    @Test
    void walk_excludedSymlink_isLeftOut() throws IOException {
        Files.createSymbolicLink(context.resolve("link"), context.resolve("src"));
        assertThat(ContextFiles.walk(context, DockerIgnore.parse(".dockerignore", "link\n"))).doesNotContain("link");
    }

    @Test
    void forBuild_badPattern_namesTheIgnoreFile() throws IOException {
        write(".dockerignore", "ok\n[oops\n");
        assertThatThrownBy(() -> DockerIgnore.forBuild(context, context.resolve("Dockerfile")))
                .isInstanceOf(DockerIgnoreException.class)
                .hasMessageStartingWith("could not parse .dockerignore line 2:");
    }
}
