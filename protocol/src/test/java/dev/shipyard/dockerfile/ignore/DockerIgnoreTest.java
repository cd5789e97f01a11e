package dev.shipyard.dockerfile.ignore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

class DockerIgnoreTest {

    private static DockerIgnore rules(String joinedLines) {
        return DockerIgnore.parse(".dockerignore", joinedLines == null ? "" : joinedLines.replace(';', '\n'));
    }

    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @CsvFileSource(resources = "/ignore/excluded.csv", delimiter = '|', quoteCharacter = '§', encoding = "UTF-8")
    void excluded_matchesTable(String patterns, String path, boolean expected) {
        assertThat(rules(patterns).excluded(path)).as("%s against %s", path, patterns).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @CsvFileSource(resources = "/ignore/children.csv", delimiter = '|', quoteCharacter = '§', encoding = "UTF-8")
    void mayHaveIncludedChildren_matchesTable(String patterns, String dir, boolean expected) {
        assertThat(rules(patterns).mayHaveIncludedChildren(dir)).as("%s against %s", dir, patterns).isEqualTo(expected);
    }

    @Test
    void parse_commentsBlanksAndAbsolutePaths_areCleanedLikeDocker() {
        String content = "\uFEFFtest1\r\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n! /inverted/abs/path\n  spaced  \n #x\n";
        DockerIgnore ignore = DockerIgnore.parse(".dockerignore", content);
        assertThat(ignore.patterns())
                .containsExactly("test1", "test2", "a/file/here", "lastfile", "!inverted/abs/path", "spaced", "#x");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ok;ok;[a                | 3 | syntax error in pattern "[a"
            a[]b                    | 1 | syntax error in pattern "a[]b"
            [-a]                    | 1 | syntax error
            [a-]                    | 1 | malformed range
            ok;foo\\                | 2 | trailing escape
            ok;!                    | 2 | illegal exclusion pattern
            ! ;ok                   | 1 | illegal exclusion pattern
            """)
    void parse_badPattern_namesFileAndLine(String lines, int line, String reason) {
        assertThatThrownBy(() -> rules(lines))
                .isInstanceOf(DockerIgnoreException.class)
                .hasMessageContaining("could not parse .dockerignore line " + line + ":")
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((DockerIgnoreException) e).line()).isEqualTo(line));
    }

    @Test
    void none_excludesNothing() {
        assertThat(DockerIgnore.none().excluded("anything/at/all")).isFalse();
        assertThat(DockerIgnore.none().patterns()).isEmpty();
    }

    @Test
    void keeping_pathsAreNeverExcluded() {
        DockerIgnore ignore = rules("*;docker").keeping(List.of("docker/Dockerfile", ".dockerignore"));
        assertThat(ignore.excluded("docker/Dockerfile")).isFalse();
        assertThat(ignore.excluded(".dockerignore")).isFalse();
        assertThat(ignore.excluded("docker/other")).isTrue();
        assertThat(ignore.mayHaveIncludedChildren("docker")).isTrue();
    }
}
