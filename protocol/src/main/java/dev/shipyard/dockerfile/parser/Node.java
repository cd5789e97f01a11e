package dev.shipyard.dockerfile.parser;

import dev.shipyard.dockerfile.SourceRange;
import java.util.List;

/**
 * One instruction of the raw syntax tree, before its arguments are given meaning.
 *
 * @param keyword the instruction name in lower case ({@code run}); unknown names are kept as written in lower case
 * @param rawKeyword the instruction name as written, for messages
 * @param flags the {@code --name=value} words before the arguments, quotes removed
 * @param args the arguments split as the instruction's syntax requires (for ENV and LABEL: key, value, key, value...)
 * @param json true when the arguments were written as a JSON array
 * @param heredocs here-documents attached to the instruction, in order
 * @param original the instruction text with line continuations joined
 * @param range the lines it spans, here-documents included
 * @param child the trigger instruction of an ONBUILD, or null
 */
public record Node(String keyword, String rawKeyword, List<String> flags, List<String> args, boolean json,
                   List<Heredoc> heredocs, String original, SourceRange range, Node child) {

    public Node {
        flags = List.copyOf(flags);
        args = List.copyOf(args);
        heredocs = List.copyOf(heredocs);
    }

    Node withHeredocs(List<Heredoc> docs, SourceRange newRange) {
        return new Node(keyword, rawKeyword, flags, args, json, docs, original, newRange, child);
    }
}
