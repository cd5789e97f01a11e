package dev.shipyard.dockerfile.expansion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.aggregator.ArgumentsAccessor;
import org.junit.jupiter.params.provider.CsvFileSource;

class ShellLexTest {

    static final Map<String, String> ENV = Map.ofEntries(
            Map.entry("PWD", "/home"),
            Map.entry("SHELL", "bash"),
            Map.entry("KOREAN", "한국어"),
            Map.entry("NULL", ""),
            Map.entry("FOO", "xxyy"),
            Map.entry("BAR", "x"),
            Map.entry("STARS", "a***yy*"),
            Map.entry("QUES", "???y"),
            Map.entry("SPECIAL", "()[]{}^$.*?|\\x"),
            Map.entry("BRACKETS", "[ab]c"),
            Map.entry("FILE", "archive.tar.gz"),
            Map.entry("GLOBBY", "/foo*/*/*.txt"),
            Map.entry("TMPS", "/tmp/tmp/bar.txt"),
            Map.entry("PATHY", "/a/foo/b/c.txt"),
            Map.entry("URL", "http://google.de"),
            Map.entry("SPACED", " a  b "),
            Map.entry("MULTI", "one two"),
            Map.entry("SPACE", "abc  def"),
            Map.entry("LEADING", "  ab c"),
            Map.entry("TRAILING", "ab c   "),
            Map.entry("VERSION", "v1.2.3"),
            Map.entry("TARGETOS", "linux"),
            Map.entry("TARGETARCH", "arm"),
            Map.entry("TARGETVARIANT", "v7"));

    private static final VariableLookup LOOKUP = VariableLookup.of(ENV);

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/expansion/words.csv", delimiter = '|', quoteCharacter = '§', encoding = "UTF-8")
    void processWord_backslashEscape_matchesTable(ArgumentsAccessor row) {
        checkWord(new ShellLex('\\'), row);
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/expansion/words-backtick.csv", delimiter = '|', quoteCharacter = '§', encoding = "UTF-8")
    void processWord_backtickEscape_matchesTable(ArgumentsAccessor row) {
        checkWord(new ShellLex('`'), row);
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/expansion/fields.csv", delimiter = '|', quoteCharacter = '§', encoding = "UTF-8")
    void processWords_matchesTable(ArgumentsAccessor row) {
        String input = row.getString(0);
        String error = column(row, 2);
        ShellLex lex = ShellLex.standard();
        if (error != null) {
            assertThatThrownBy(() -> lex.processWords(input, LOOKUP))
                    .isInstanceOf(ExpansionException.class)
                    .hasMessageContaining(error);
            return;
        }
        String joined = column(row, 1);
        List<String> expected = joined == null ? List.of() : Arrays.asList(joined.split(",", -1));
        assertThat(lex.processWords(input, LOOKUP)).as(input).isEqualTo(expected);
    }

    private static void checkWord(ShellLex lex, ArgumentsAccessor row) {
        String input = row.getString(0);
        String error = column(row, 2);
        if (error != null) {
            assertThatThrownBy(() -> lex.processWord(input, LOOKUP))
                    .as(input)
                    .isInstanceOf(ExpansionException.class)
                    .satisfies(e -> assertThat(((ExpansionException) e).reason()).contains(error));
            return;
        }
        String expected = column(row, 1);
        assertThat(lex.processWord(input, LOOKUP)).as(input).isEqualTo(expected == null ? "" : expected);
    }

    private static String column(ArgumentsAccessor row, int index) {
        return row.size() > index ? row.getString(index) : null;
    }

    @Test
    void processWordWithMatches_defaults_reportSetAndUnsetNames() {
        ProcessedWord word = ShellLex.standard().processWordWithMatches(
                "${FOO-aaa} ${NULL-bbb} ${BAZ-ccc} $PWD $BAZ",
                VariableLookup.of(Map.of("FOO", "xxx", "NULL", "", "PWD", "/")));
        assertThat(word.result()).isEqualTo("xxx  ccc / ");
        assertThat(word.used()).containsExactly("FOO", "NULL", "PWD");
        assertThat(word.unmatched()).containsExactly("BAZ");
        assertThat(word.words()).containsExactly("xxx", "ccc", "/");
    }

    @Test
    void processWordWithMatches_nestedAndPatternNames_areAllReported() {
        ProcessedWord word = ShellLex.standard().processWordWithMatches(
                "${A:-${B}}${FOO#$NEEDLE}${C/$D/x}", VariableLookup.of(Map.of("FOO", "ab", "NEEDLE", "a")));
        // an unset value still takes the replacement: the empty pattern matches at its start
        assertThat(word.result()).isEqualTo("bx");
        assertThat(word.used()).containsExactly("FOO", "NEEDLE");
        assertThat(word.unmatched()).containsExactly("A", "B", "C", "D");
    }

    @Test
    void processWordWithMatches_quotedOrEscaped_referencesNothing() {
        ProcessedWord word = ShellLex.standard().processWordWithMatches("'$A' \\$B $", VariableLookup.empty());
        assertThat(word.result()).isEqualTo("$A $B $");
        assertThat(word.used()).isEmpty();
        assertThat(word.unmatched()).isEmpty();
    }

    @Test
    void processWord_mandatoryVariable_messageNamesWordAndVariable() {
        assertThatThrownBy(() -> ShellLex.standard().processWord("${VAR:?message here$ARG}", VariableLookup.of(Map.of("ARG", "x"))))
                .isInstanceOf(ExpansionException.class)
                .hasMessage("failed to process \"${VAR:?message here$ARG}\": VAR: message herex");
    }

    @Test
    void processWord_unsetButNotEmptyRequired_acceptsEmpty() {
        assertThat(ShellLex.standard().processWord("${VAR?must be set}", VariableLookup.of(Map.of("VAR", "")))).isEmpty();
    }

    @Test
    void fromEnvList_laterEntryWinsAndBareNameIsEmpty() {
        VariableLookup env = VariableLookup.fromEnvList(List.of("car=hat", "car=bike", "foo", "eq=a=b"));
        assertThat(ShellLex.standard().processWord("$car|${foo-unset}|$eq", env)).isEqualTo("bike||a=b");
    }

    @Test
    void constructor_unknownEscape_isRejected() {
        assertThatThrownBy(() -> new ShellLex('^')).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'\\' or '`'");
    }

    @Test
    void result_sets_areSortedAndImmutable() {
        ProcessedWord word = ShellLex.standard().processWordWithMatches("$Z$A$M", VariableLookup.empty());
        assertThat(word.unmatched()).containsExactly("A", "M", "Z");
        assertThatThrownBy(() -> word.unmatched().add("B")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Set.copyOf(word.unmatched())).hasSize(3);
    }
}
