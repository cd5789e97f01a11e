package dev.shipyard.dockerfile.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds here-document declarations ({@code <<EOF}, {@code <<-"EOF"}, {@code 3<<EOF}) in an instruction line. */
public final class HeredocWords {

    private static final Pattern HEREDOC = Pattern.compile("^(\\d*)<<(-?)([^<]*)\\z", Pattern.DOTALL);
    private static final Pattern BARE_OPERATOR = Pattern.compile("\\d*<<-?");
    private static final Set<String> HEREDOC_KEYWORDS = Set.of("run", "copy", "add");

    private HeredocWords() {
    }

    static boolean canContainHeredoc(Node node) {
        Node target = node.keyword().equals("onbuild") && node.child() != null ? node.child() : node;
        return HEREDOC_KEYWORDS.contains(target.keyword()) && !target.json();
    }

    static List<Heredoc> fromLine(String line) {
        List<Heredoc> docs = new ArrayList<>();
        List<String> words = words(line, true);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (BARE_OPERATOR.matcher(word).matches() && i + 1 < words.size()) {
                // "<< EOF" and "<<- EOF" name the word that follows
                word = word + " " + words.get(++i);
            }
            Heredoc heredoc = parse(word);
            if (heredoc != null) {
                docs.add(heredoc);
            }
        }
        return docs;
    }

    /**
     * The here-document a single word declares, with empty content, or null when the word declares none.
     * The content is not expanded when any part of the delimiter is quoted.
     */
    public static Heredoc parse(String word) {
        Matcher match = HEREDOC.matcher(word);
        if (!match.matches() || match.group(3).isEmpty()) {
            return null;
        }
        String digits = match.group(1);
        int fd = digits.isEmpty() || digits.length() > 9 ? 0 : Integer.parseInt(digits);
        boolean chomp = match.group(2).equals("-");
        String rest = match.group(3);
        List<String> unquoted = words(rest, false);
        List<String> raw = words(rest, true);
        if (unquoted.size() != 1 || raw.size() != 1) {
            return null;
        }
        String name = unquoted.get(0);
        boolean expand = quoteCount(name) == quoteCount(raw.get(0));
        return new Heredoc(name, "", expand, chomp, fd);
    }

    private static int quoteCount(String word) {
        int count = 0;
        for (int i = 0; i < word.length(); i++) {
            char ch = word.charAt(i);
            if (ch == '\'' || ch == '"') {
                count++;
            }
        }
        return count;
    }

    /**
     * Shell-like words: whitespace splits outside quotes; raw keeps quotes and backslashes as written.
     * An unterminated quote yields no words at all, as the shell lexer fails on it.
     */
    static List<String> words(String text, boolean raw) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quote == 0 && LineParsers.isSpace(ch)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (ch == '\\' && quote != '\'' && i + 1 < text.length()) {
                char escaped = text.charAt(++i);
                if (raw || (quote == '"' && "\"\\$`".indexOf(escaped) < 0)) {
                    word.append(ch);
                }
                word.append(escaped);
            } else if (quote == 0 && (ch == '\'' || ch == '"')) {
                quote = ch;
                appendIf(raw, word, ch);
            } else if (quote != 0 && ch == quote) {
                quote = 0;
                appendIf(raw, word, ch);
            } else {
                word.append(ch);
            }
        }
        if (quote != 0) {
            return List.of();
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static void appendIf(boolean condition, StringBuilder word, char ch) {
        if (condition) {
            word.append(ch);
        }
    }
}
