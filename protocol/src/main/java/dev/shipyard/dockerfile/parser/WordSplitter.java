package dev.shipyard.dockerfile.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits ENV, LABEL and ARG arguments on unquoted whitespace like BuildKit's parseWords: quotes and escape
 * tokens stay in the words, so that the expander can later give them their meaning.
 */
final class WordSplitter {

    private final String text;
    private final char escape;
    private final List<String> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private boolean inWord;
    private boolean blankOk;
    private char quote;
    private int pos;

    private WordSplitter(String text, char escape) {
        this.text = text;
        this.escape = escape;
    }

    static List<String> split(String text, char escape) {
        return new WordSplitter(text, escape).run();
    }

    private List<String> run() {
        while (pos < text.length()) {
            char ch = text.charAt(pos++);
            if (quote != 0) {
                quoted(ch);
            } else if (LineParsers.isSpace(ch)) {
                endWord();
            } else {
                unquoted(ch);
            }
        }
        endWord();
        return words;
    }

    private void quoted(char ch) {
        if (ch == quote) {
            quote = 0;
        } else if (ch == escape && quote != '\'') {
            if (pos == text.length()) {
                quote = 0;
                return;
            }
            word.append(ch);
            ch = text.charAt(pos++);
        }
        word.append(ch);
    }

    private void unquoted(char ch) {
        inWord = true;
        if (ch == '\'' || ch == '"') {
            quote = ch;
            blankOk = true;
        } else if (ch == escape) {
            if (pos == text.length()) {
                return;
            }
            word.append(ch);
            ch = text.charAt(pos++);
        }
        word.append(ch);
    }

    private void endWord() {
        if (inWord && (blankOk || word.length() > 0)) {
            words.add(word.toString());
        }
        inWord = false;
        blankOk = false;
        word.setLength(0);
    }
}
