package dev.shipyard.worker.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoGlobTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "*.txt|a.txt|true", "*.txt|dir/a.txt|false", "*|a/b|false", "a*/b|abc/b|true", "a?c|abc|true",
        "a?c|a/c|false", "[a-c]x|bx|true", "[^a-c]x|dx|true", "[^a-c]x|ax|false", "\\*|*|true", "\\*|a|false",
        "*x|xxx|true", "a*b*c|aXbYc|true", "a*b*c|aXbY|false", "|''|true"})
    void matches_goFilepathMatchCases(String pattern, String name, boolean expected) {
        String n = "''".equals(name) ? "" : name;
        assertThat(GoGlob.matches(pattern == null ? "" : pattern, n)).isEqualTo(expected);
    }

    @Test
    void matches_unclosedClass_isASyntaxError() {
        assertThatThrownBy(() -> GoGlob.matches("[abc", "a"))
                .isInstanceOf(CopyException.class)
                .hasMessage("could not match source pattern '[abc': syntax error in pattern");
    }

    @Test
    void hasMeta_detectsGoPatternCharacters() {
        assertThat(GoGlob.hasMeta("file[1].txt")).isTrue();
        assertThat(GoGlob.hasMeta("plain-name.txt")).isFalse();
        assertThat(GoGlob.hasMeta("escaped\\*star")).isFalse();
    }
}
