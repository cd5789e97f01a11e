package dev.shipyard.worker.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipyard.dockerfile.SourceRange;
import dev.shipyard.dockerfile.instructions.AddInstruction;
import dev.shipyard.dockerfile.instructions.CopyInstruction;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CopyRequestTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/abs|/w|/abs", "rel|/w|/w/rel", "rel/|/w|/w/rel/", ".|/w|/w/", "./|/w|/w/", "..|/w/x|/w", "/|/w|/",
        "x/.|/w|/w/x/", "a/../b|/|/b", "/etc/../../x|/|/x", "rel|''|/rel"})
    void destinationPath_resolvesAgainstWorkdirAndKeepsDirectoryIntent(String dest, String workdir, String expected) {
        CopyRequest request = new CopyRequest(false, List.of("a"), List.of(), dest, "''".equals(workdir) ? "" : workdir,
                null, null, List.of(), false, null, false);

        assertThat(request.destinationPath()).isEqualTo(expected);
    }

    @Test
    void of_copyInstruction_takesItsFlags() {
        CopyInstruction copy = new CopyInstruction(SourceRange.line(3), "COPY ...", List.of("a", "b"), List.of(), "/d/",
                "build", "app:app", "0755", true, true, List.of("*.md"));

        CopyRequest request = CopyRequest.of(copy, "/srv");

        assertThat(request).isEqualTo(new CopyRequest(false, List.of("a", "b"), List.of(), "/d/", "/srv", "app:app",
                "0755", List.of("*.md"), true, null, false));
        assertThat(request.keyword()).isEqualTo("COPY");
    }

    @Test
    void of_addInstruction_takesChecksumAndKeepGitDir() {
        AddInstruction add = new AddInstruction(SourceRange.line(4), "ADD ...", List.of("https://x/y.tgz"), List.of(),
                "/opt/", null, null, false, true, "sha256:" + "a".repeat(64), List.of());

        CopyRequest request = CopyRequest.of(add, "/");

        assertThat(request.add()).isTrue();
        assertThat(request.checksum()).isEqualTo("sha256:" + "a".repeat(64));
        assertThat(request.keepGitDir()).isTrue();
        assertThat(request.keyword()).isEqualTo("ADD");
    }
}
