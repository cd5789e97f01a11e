package dev.shipyard.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipyard.dockerfile.SourceRange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {

    private static ParsedDockerfile parse(String text) {
        return DockerfileParser.parse("Dockerfile", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parse_flagsAndArgs_areSplitApart() {
        Node node = parse("COPY --from=build --chown=\"a b\" src dest\n").nodes().get(0);
        assertThat(node.keyword()).isEqualTo("copy");
        assertThat(node.flags()).containsExactly("--from=build", "--chown=a b");
        assertThat(node.args()).containsExactly("src", "dest");
        assertThat(node.json()).isFalse();
        assertThat(node.range()).isEqualTo(SourceRange.line(1));
    }

    @Test
    void parse_onbuild_keepsTriggerAsChildNode() {
        Node node = parse("ONBUILD RUN --network=none echo hi\n").nodes().get(0);
        assertThat(node.child().keyword()).isEqualTo("run");
        assertThat(node.child().flags()).containsExactly("--network=none");
        assertThat(node.child().args()).containsExactly("echo hi");
    }

    @Test
    void parse_nestedOnbuild_doesNotRecurse() {
        Node node = parse("ONBUILD ONBUILD ONBUILD RUN x\n").nodes().get(0);
        assertThat(node.child().keyword()).isEqualTo("onbuild");
        assertThat(node.child().child()).isNull();
    }

    @Test
    void parse_emptyContinuationLine_isAcceptedWithWarning() {
        ParsedDockerfile parsed = parse("FROM a\nRUN x \\\n\n  y\n");
        assertThat(parsed.nodes().get(1).args()).containsExactly("x   y");
        assertThat(parsed.nodes().get(1).range()).isEqualTo(new SourceRange(2, 4));
        assertThat(parsed.warnings()).singleElement().asString().contains("empty continuation line");
    }

    @Test
    void parse_jsonHeredocLine_doesNotReadHeredoc() {
        ParsedDockerfile parsed = parse("RUN [\"cat\", \"<<EOF\"]\nEOF\n");
        assertThat(parsed.nodes()).hasSize(2);
        assertThat(parsed.nodes().get(0).heredocs()).isEmpty();
    }

    @Test
    void parseWords_quotesAndEscapes_areKeptInsideWords() {
        assertThat(LineParsers.parseWords("a=\"x y\" b='c d' e=f\\ g  h", '\\'))
                .containsExactly("a=\"x y\"", "b='c d'", "e=f\\ g", "h");
        assertThat(LineParsers.parseWords("a=`\"q`\" b", '`')).containsExactly("a=`\"q`\"", "b");
        assertThat(LineParsers.parseWords("\"\" x", '\\')).containsExactly("\"\"", "x");
    }

    @Test
    void extractFlags_stopsAtFirstNonFlagOrDoubleDash() {
        List<String> flags = new ArrayList<>();
        assertThat(LineParsers.extractFlags("--a=1 --b -- --c rest", flags)).isEqualTo(" --c rest");
        assertThat(flags).containsExactly("--a=1", "--b");
    }

    @Test
    void splitLines_crlfAndMissingFinalNewline_keepLineEndings() {
        assertThat(DockerfileParser.splitLines("a\r\nb\n\nc")).containsExactly("a\r\n", "b\n", "\n", "c");
        assertThat(DockerfileParser.splitLines("a\n")).containsExactly("a\n");
        assertThat(DockerfileParser.trimNewline("a\r\r\n")).isEqualTo("a");
    }

    @Test
    void parse_escapedEscapeAtEndOfLine_isNoContinuation() {
        ParsedDockerfile parsed = parse("RUN echo \\\\\nRUN echo \\\n  b\n");
        assertThat(parsed.nodes()).extracting(Node::args)
                .containsExactly(List.of("echo \\\\"), List.of("echo   b"));
    }

    @Test
    void heredocParse_quotedDelimiter_isNotExpanded() {
        assertThat(HeredocWords.parse("<<'EOF'")).isEqualTo(new Heredoc("EOF", "", false, false, 0));
        assertThat(HeredocWords.parse("<<-EOF")).isEqualTo(new Heredoc("EOF", "", true, true, 0));
        assertThat(HeredocWords.parse("2<<\"E F\"")).isEqualTo(new Heredoc("E F", "", false, false, 2));
        assertThat(HeredocWords.parse("<<")).isNull();
        assertThat(HeredocWords.parse("<<'EOF")).isNull();
        assertThat(HeredocWords.parse("<<EOF sh")).isNull();
        assertThat(HeredocWords.parse("<<eo\\'f")).isEqualTo(new Heredoc("eo'f", "", true, false, 0));
        assertThat(HeredocWords.parse("<<'e'o\\'f")).isEqualTo(new Heredoc("eo'f", "", false, false, 0));
        assertThat(HeredocWords.parse("x<<EOF")).isNull();
    }

    @Test
    void heredocsFromLine_operatorSeparatedFromName_takesNextWord() {
        assertThat(HeredocWords.fromLine("RUN <<  EOF  > foo")).extracting(Heredoc::name).containsExactly("EOF");
        assertThat(HeredocWords.fromLine("RUN << -EOF")).extracting(Heredoc::name).containsExactly("-EOF");
        assertThat(HeredocWords.fromLine("RUN <<- EOF")).extracting(Heredoc::chomp).containsExactly(true);
        assertThat(HeredocWords.fromLine("RUN <<EOF <<EOF2")).extracting(Heredoc::name).containsExactly("EOF", "EOF2");
        assertThat(HeredocWords.fromLine("RUN '<<EOF' \"<<EOF\"")).isEmpty();
        assertThat(HeredocWords.fromLine("RUN <<'EOF")).isEmpty();
    }
}
