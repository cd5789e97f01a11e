package dev.shipyard.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DockerfileExceptionTest {

    @Test
    void getMessage_withFileAndRange_readsLikeBuildKit() {
        DockerfileException e = new DockerfileException("Dockerfile", new SourceRange(7, 9), "unknown instruction: X");
        assertThat(e.getMessage()).isEqualTo("Dockerfile:7: dockerfile parse error on line 7: unknown instruction: X");
        assertThat(e.detail()).isEqualTo("unknown instruction: X");
    }

    @Test
    void getMessage_wholeFileError_hasNoLine() {
        assertThat(new DockerfileException("ci.Dockerfile", null, "file with no instructions").getMessage())
                .isEqualTo("ci.Dockerfile: file with no instructions");
    }

    @Test
    void at_errorWithoutLocation_takesTheGivenOne() {
        DockerfileException located = new DockerfileException("bad").at("Dockerfile", SourceRange.line(3));
        assertThat(located.range()).isEqualTo(SourceRange.line(3));
        assertThat(located.getMessage()).isEqualTo("Dockerfile:3: dockerfile parse error on line 3: bad");
        assertThat(located.getCause()).isNotNull();
    }

    @Test
    void at_errorWithLocation_keepsItsOwnRange() {
        DockerfileException inner = new DockerfileException(null, SourceRange.line(2), "bad");
        assertThat(inner.at("Dockerfile", SourceRange.line(9)).range()).isEqualTo(SourceRange.line(2));
    }

    @Test
    void sourceRange_endBeforeStart_isRejected() {
        assertThatThrownBy(() -> new SourceRange(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourceRange(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
