package dev.shipyard.dockerfile.parser;

import dev.shipyard.dockerfile.DockerfileException;
import dev.shipyard.dockerfile.SourceRange;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns Dockerfile bytes into a raw syntax tree, following BuildKit's {@code frontend/dockerfile/parser}:
 * directives, comments, line continuations, JSON or shell forms, and here-documents.
 */
public final class DockerfileParser {

    // an escape token at the end continues the line unless it is itself escaped
    private static final Pattern BACKSLASH_CONTINUATION = Pattern.compile("(?:^|(?<=[^\\\\]))\\\\[ \t]*\\z");
    private static final Pattern BACKTICK_CONTINUATION = Pattern.compile("(?:^|(?<=[^`]))`[ \t]*\\z");

    private final String fileName;
    private final List<String> lines;
    private final DirectiveReader directiveReader = new DirectiveReader();
    private final List<Node> nodes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private Pattern continuation;
    private int next;

    private DockerfileParser(String fileName, List<String> lines) {
        this.fileName = fileName;
        this.lines = lines;
    }

    /**
     * Parses a Dockerfile.
     *
     * @throws DockerfileException for any content that is not a valid Dockerfile
     */
    public static ParsedDockerfile parse(String fileName, byte[] content) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        return new DockerfileParser(fileName, splitLines(decode(content))).run();
    }

    private static String decode(byte[] content) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(content)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            // REPLACE never reports; keep the cause should a JDK ever change that
            throw new IllegalStateException("could not decode Dockerfile as UTF-8", e);
        }
    }

    /** Splits after each LF, keeping line endings: here-documents keep them in their content. */
    static List<String> splitLines(String text) {
        List<String> result = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            int stop = end < 0 ? text.length() : end + 1;
            result.add(text.substring(start, stop));
            start = stop;
        }
        return result;
    }

    /** The line without its trailing CR and LF characters. */
    static String trimNewline(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }

    private ParsedDockerfile run() {
        while (next < lines.size()) {
            int lineNumber = next + 1;
            String trimmed = LineParsers.trimLeft(trimNewline(lines.get(next++)));
            try {
                directiveReader.consider(trimmed);
            } catch (DockerfileException e) {
                throw e.at(fileName, SourceRange.line(lineNumber));
            }
            continuation = continuationPattern(directiveReader.escapeToken());
            if (!isComment(trimmed)) {
                readInstruction(trimmed, lineNumber);
            }
        }
        if (nodes.isEmpty()) {
            throw new DockerfileException(fileName, null, "file with no instructions");
        }
        return new ParsedDockerfile(fileName, directiveReader.directives(), nodes, warnings);
    }

    private void readInstruction(String firstLine, int startLine) {
        String first = stripContinuation(firstLine);
        if (first == null && firstLine.isEmpty()) {
            return;
        }
        String line = first == null ? firstLine : joinContinuation(first, startLine);
        SourceRange range = new SourceRange(startLine, next);
        Node node;
        try {
            node = LineParsers.newNode(line, directiveReader.escapeToken(), range, true);
        } catch (DockerfileException e) {
            throw e.at(fileName, range);
        }
        nodes.add(readHeredocs(node, line, startLine));
    }

    /** Appends continuation lines, skipping comment and blank lines, until a line does not continue. */
    private String joinContinuation(String first, int startLine) {
        StringBuilder line = new StringBuilder(first);
        boolean emptyContinuation = false;
        boolean ended = false;
        while (!ended && next < lines.size()) {
            String raw = trimNewline(lines.get(next++));
            String trimmed = LineParsers.trimLeft(raw);
            if (trimmed.isEmpty() || isComment(trimmed)) {
                emptyContinuation |= trimmed.isEmpty();
                continue;
            }
            String stripped = stripContinuation(raw);
            ended = stripped == null;
            line.append(ended ? raw : stripped);
        }
        if (emptyContinuation) {
            warnings.add("line " + startLine + ": empty continuation line found in: " + line);
        }
        return line.toString();
    }

    private Node readHeredocs(Node node, String line, int startLine) {
        if (!HeredocWords.canContainHeredoc(node) || !line.contains("<<")) {
            return node;
        }
        List<Heredoc> declared = HeredocWords.fromLine(line);
        if (declared.isEmpty()) {
            return node;
        }
        List<Heredoc> read = new ArrayList<>();
        for (Heredoc heredoc : declared) {
            read.add(readHeredocBody(heredoc, startLine));
        }
        return node.withHeredocs(read, new SourceRange(startLine, next));
    }

    private Heredoc readHeredocBody(Heredoc heredoc, int startLine) {
        StringBuilder content = new StringBuilder();
        while (next < lines.size()) {
            String raw = lines.get(next++);
            String candidate = trimNewline(raw);
            if (heredoc.chomp()) {
                candidate = candidate.replaceFirst("^\t+", "");
            }
            if (candidate.equals(heredoc.name())) {
                return new Heredoc(heredoc.name(), content.toString(), heredoc.expand(), heredoc.chomp(),
                        heredoc.fileDescriptor());
            }
            content.append(raw);
        }
        throw new DockerfileException(fileName, new SourceRange(startLine, Math.max(startLine, next)),
                "unterminated heredoc");
    }

    private static Pattern continuationPattern(char escape) {
        return escape == '`' ? BACKTICK_CONTINUATION : BACKSLASH_CONTINUATION;
    }

    /** The line without its continuation character, or null when the instruction ends on this line. */
    private String stripContinuation(String line) {
        var matcher = continuation.matcher(line);
        return matcher.find() ? line.substring(0, matcher.start()) : null;
    }

    private static boolean isComment(String trimmedLine) {
        return trimmedLine.startsWith("#");
    }
}
