package dev.shipyard.worker.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.oci.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectionDigestTest {

    @TempDir
    Path tmp;
    Path context;

    @BeforeEach
    void setUp() throws IOException {
        context = Files.createDirectory(tmp.resolve("context"));
        Trees.file(context, "src/a.go", "package a", 0644);
        Trees.file(context, "src/b.go", "package b", 0644);
        Trees.link(context, "src/link", "a.go");
        Trees.file(context, "README.md", "readme", 0644);
    }

    Digest digest(CopyRequest request) {
        return CopyExecutor.selectionDigest(request, SourceRoot.context(context));
    }

    @Test
    void selectionDigest_sameContent_isStableAcrossMtimesAndUnrelatedFiles() throws IOException {
        CopyRequest request = CopyExecutorTest.copy("/app/", "src");
        Digest before = digest(request);

        FileOps.setTimes(context.resolve("src/a.go"), FileTime.fromMillis(1), FileTime.fromMillis(1));
        Trees.file(context, "unrelated.txt", "x", 0644);
        Files.writeString(context.resolve("README.md"), "changed");

        assertThat(digest(request)).isEqualTo(before);
    }

    @Test
    void selectionDigest_changedContentModeOrLink_changesDigest() throws IOException {
        CopyRequest request = CopyExecutorTest.copy("/app/", "src");
        Digest original = digest(request);

        Files.writeString(context.resolve("src/b.go"), "package b2");
        Digest content = digest(request);
        FileOps.chmod(context.resolve("src/b.go"), 0755);
        Digest mode = digest(request);
        Files.delete(context.resolve("src/link"));
        Trees.link(context, "src/link", "b.go");
        Digest link = digest(request);

        assertThat(List.of(original, content, mode, link)).doesNotHaveDuplicates();
    }

    @Test
    void selectionDigest_excludedAndWildcardUnmatchedFiles_doNotCount() throws IOException {
        CopyRequest request = CopyExecutorTest.with(CopyExecutorTest.copy("/app/", "src", "*.md"), null, null,
                List.of("b.go"), "/");
        Digest before = digest(request);

        Files.writeString(context.resolve("src/b.go"), "excluded change");
        Trees.file(context, "notes.txt", "unmatched", 0644);

        assertThat(digest(request)).isEqualTo(before);
    }

    @Test
    void selectionDigest_ownerCountsOnlyForStageSourcesWithoutChown() throws IOException {
        Path stage = Files.createDirectory(tmp.resolve("stage"));
        Path f = Trees.file(stage, "bin/tool", "T", 0755);
        CopyRequest plain = CopyExecutorTest.copy("/bin/", "/bin/tool");
        CopyRequest chowned = CopyExecutorTest.with(plain, "1:1", null, List.of(), "/");
        Digest plainBefore = CopyExecutor.selectionDigest(plain, SourceRoot.rootfs(stage));
        Digest chownBefore = CopyExecutor.selectionDigest(chowned, SourceRoot.rootfs(stage));
        Digest contextBefore = CopyExecutor.selectionDigest(plain, SourceRoot.context(stage));

        FileOps.lchown(f, new Owner(99, 99));

        assertThat(CopyExecutor.selectionDigest(plain, SourceRoot.rootfs(stage))).isNotEqualTo(plainBefore);
        assertThat(CopyExecutor.selectionDigest(chowned, SourceRoot.rootfs(stage))).isEqualTo(chownBefore);
        assertThat(CopyExecutor.selectionDigest(plain, SourceRoot.context(stage))).isEqualTo(contextBefore);
    }

    @Test
    void selectionDigest_missingSource_failsLikeTheCopy() {
        assertThatThrownBy(() -> digest(CopyExecutorTest.copy("/app/", "nope")))
                .isInstanceOf(CopyException.class).hasMessage("could not copy \"/nope\": not found");
    }

    @Test
    void selectionDigest_sameSelectionInDifferentContexts_isEqual() throws IOException {
        Path other = Files.createDirectory(tmp.resolve("other"));
        Trees.file(other, "src/a.go", "package a", 0644);
        Trees.file(other, "src/b.go", "package b", 0644);
        Trees.link(other, "src/link", "a.go");
        CopyRequest request = CopyExecutorTest.copy("/app/", "src");

        assertThat(CopyExecutor.selectionDigest(request, SourceRoot.context(other))).isEqualTo(digest(request));
    }

    @Test
    void selectionDigest_parentsWithPivot_coversTheFilesBelowThePivot() throws IOException {
        CopyRequest parents = new CopyRequest(false, List.of("src/./*.go"), List.of(), "/app/", "/", null, null,
                List.of(), true, null, false);
        Digest before = digest(parents);

        Files.writeString(context.resolve("README.md"), "unrelated");
        Digest unrelated = digest(parents);
        Files.writeString(context.resolve("src/a.go"), "package a2");

        assertThat(unrelated).isEqualTo(before);
        assertThat(digest(parents)).isNotEqualTo(before);
    }
}
