package dev.shipyard.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DirectiveReaderTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "# escape=`|escape|`",
        "#syntax = docker/dockerfile:1 |syntax|docker/dockerfile:1",
        "#\tcheck\t=\tskip=all\t|check|skip=all",
        "# Escape=a b c|Escape|a b c",
        "'# escape= '|escape|' '",
        "# escape=|null|null",
        "# 1escape=x|null|null",
        "# esc ape=x|null|null",
        "#escape x|null|null",
        "escape=x|null|null"})
    void match_directiveLines_followGoRegexp(String line, String key, String value) {
        String[] match = DirectiveReader.match(line);
        if (key == null) {
            assertThat(match).isNull();
        } else {
            assertThat(match).containsExactly(key, value);
        }
    }
}
