package dev.shipyard.dockerfile.parser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipyard.dockerfile.DockerfileException;
import dev.shipyard.dockerfile.Quote;
import dev.shipyard.dockerfile.SourceRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Splits an instruction line into keyword, flags and arguments, each keyword with its own syntax. */
final class LineParsers {

    static final String NOT_STRING_ARRAY = "when using JSON array syntax, arrays must be comprised of strings only";
    private static final Pattern WHITESPACE = Pattern.compile("[\t\u000B\f\r ]+");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private LineParsers() {
    }

    /** Arguments split for one keyword, and whether they came from a JSON array. */
    private record Args(List<String> values, boolean json) {
        static Args of(List<String> values) {
            return new Args(values, false);
        }
    }

    static Node newNode(String line, char escape, SourceRange range, boolean allowChild) {
        String[] cmdline = WHITESPACE.split(trimSpace(line), 2);
        String rawKeyword = cmdline[0];
        String keyword = rawKeyword.toLowerCase(Locale.ROOT);
        List<String> flags = new ArrayList<>();
        String rest = cmdline.length == 2 ? trimSpace(extractFlags(cmdline[1], flags)) : "";
        if (keyword.equals("onbuild")) {
            // a nested ONBUILD is kept without its own trigger: it is rejected later and must not recurse
            Node child = rest.isEmpty() || !allowChild ? null : newNode(rest, escape, range, false);
            return new Node(keyword, rawKeyword, flags, List.of(), false, List.of(), line, range, child);
        }
        Args args = argsFor(keyword, rest, escape);
        return new Node(keyword, rawKeyword, flags, args.values(), args.json(), List.of(), line, range, null);
    }

    private static Args argsFor(String keyword, String rest, char escape) {
        switch (keyword) {
            case "add", "copy", "volume":
                return maybeJsonToList(rest);
            case "arg":
                return Args.of(parseWords(rest, escape));
            case "cmd", "entrypoint", "run", "shell":
                return maybeJson(rest);
            case "env", "label":
                return Args.of(parseNameVal(rest, keyword.toUpperCase(Locale.ROOT), escape));
            case "expose", "from":
                return Args.of(splitWhitespace(rest));
            case "healthcheck":
                return healthConfig(rest);
            case "maintainer", "stopsignal", "user", "workdir":
                return Args.of(rest.isEmpty() ? List.of() : List.of(rest));
            default:
                return Args.of(List.of());
        }
    }

    private static Args maybeJson(String rest) {
        if (rest.isEmpty()) {
            return Args.of(List.of());
        }
        List<String> json = parseJson(rest);
        return json != null ? new Args(json, true) : Args.of(List.of(rest));
    }

    private static Args maybeJsonToList(String rest) {
        List<String> json = parseJson(rest);
        return json != null ? new Args(json, true) : Args.of(splitWhitespace(rest));
    }

    /** The strings of a JSON array, null when the text is not a JSON array. */
    private static List<String> parseJson(String rest) {
        String text = trimLeft(rest);
        if (!text.startsWith("[")) {
            return null;
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JsonProcessingException notJson) {
            // BuildKit falls back to the shell form when the text is not valid JSON
            return null;
        }
        if (tree == null || !tree.isArray()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : tree) {
            if (!element.isTextual()) {
                throw new DockerfileException(NOT_STRING_ARRAY);
            }
            values.add(element.textValue());
        }
        return values;
    }

    private static Args healthConfig(String rest) {
        int sep = 0;
        while (sep < rest.length() && !isSpace(rest.charAt(sep))) {
            sep++;
        }
        if (sep == 0) {
            return Args.of(List.of());
        }
        Args command = maybeJson(trimLeft(rest.substring(sep)));
        List<String> values = new ArrayList<>();
        values.add(rest.substring(0, sep));
        values.addAll(command.values());
        return new Args(values, command.json());
    }

    /** ENV and LABEL: {@code key value} (legacy) or {@code key=value ...}; quotes are kept for expansion. */
    private static List<String> parseNameVal(String rest, String keyword, char escape) {
        List<String> words = parseWords(rest, escape);
        if (words.isEmpty()) {
            return List.of();
        }
        if (!words.get(0).contains("=")) {
            String[] parts = WHITESPACE.split(rest, 2);
            if (parts.length < 2) {
                throw new DockerfileException(keyword + " must have two arguments");
            }
            return List.of(parts[0], parts[1]);
        }
        List<String> pairs = new ArrayList<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                throw new DockerfileException("Syntax error - can't find = in " + Quote.go(word)
                        + ". Must be of the form: name=value");
            }
            pairs.add(word.substring(0, eq));
            pairs.add(word.substring(eq + 1));
        }
        return pairs;
    }

    /** Splits on unquoted whitespace, keeping quotes and escapes in the words for later expansion. */
    static List<String> parseWords(String rest, char escape) {
        return WordSplitter.split(rest, escape);
    }

    /** Moves leading {@code --flag} words into flags (quotes removed) and returns the rest of the line. */
    static String extractFlags(String line, List<String> flags) {
        int pos = 0;
        while (true) {
            while (pos < line.length() && isSpace(line.charAt(pos))) {
                pos++;
            }
            if (!line.startsWith("--", pos)) {
                return line.substring(pos);
            }
            StringBuilder flag = new StringBuilder();
            pos = readFlagWord(line, pos, flag);
            if (flag.toString().equals("--")) {
                return line.substring(pos);
            }
            flags.add(flag.toString());
        }
    }

    /** Reads one flag word from {@code start}, removing quotes and backslash escapes; returns the end. */
    private static int readFlagWord(String line, int start, StringBuilder word) {
        int pos = start;
        char quote = 0;
        while (pos < line.length() && (quote != 0 || !isSpace(line.charAt(pos)))) {
            char ch = line.charAt(pos++);
            if (quote == 0 && (ch == '\'' || ch == '"')) {
                quote = ch;
            } else if (quote != 0 && ch == quote) {
                quote = 0;
            } else if (ch == '\\') {
                if (pos < line.length()) {
                    word.append(line.charAt(pos++));
                }
            } else {
                word.append(ch);
            }
        }
        return pos;
    }

    private static List<String> splitWhitespace(String rest) {
        String trimmed = trimSpace(rest);
        return trimmed.isEmpty() ? List.of() : List.of(WHITESPACE.split(trimmed));
    }

    static boolean isSpace(int cp) {
        return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xA0 || Character.isSpaceChar(cp);
    }

    static String trimLeft(String text) {
        int start = 0;
        while (start < text.length() && isSpace(text.charAt(start))) {
            start++;
        }
        return text.substring(start);
    }

    static String trimSpace(String text) {
        String left = trimLeft(text);
        int end = left.length();
        while (end > 0 && isSpace(left.charAt(end - 1))) {
            end--;
        }
        return left.substring(0, end);
    }
}
