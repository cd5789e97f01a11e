package dev.shipyard.dockerfile.expansion;

import java.util.ArrayList;
import java.util.List;

/** Accumulates fields: unquoted expanded whitespace separates, quoted or escaped text never does. */
final class Fields {

    private final List<String> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private boolean inWord;

    void addChar(int ch) {
        if (!isSpace(ch)) {
            addRawChar(ch);
        } else if (inWord && word.length() != 0) {
            words.add(word.toString());
            word.setLength(0);
            inWord = false;
        }
    }

    void addRawChar(int ch) {
        word.appendCodePoint(ch);
        inWord = true;
    }

    void addString(String text) {
        text.codePoints().forEach(this::addChar);
    }

    void addRawString(String text) {
        word.append(text);
        inWord = true;
    }

    List<String> finish() {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
            inWord = false;
        }
        return List.copyOf(words);
    }

    /** Go's unicode.IsSpace: Latin-1 blanks plus the Unicode White_Space separators. */
    static boolean isSpace(int ch) {
        if (ch <= 0xFF) {
            return ch == ' ' || (ch >= '\t' && ch <= '\r') || ch == 0x85 || ch == 0xA0;
        }
        return Character.isSpaceChar(ch);
    }
}
