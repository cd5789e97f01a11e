package dev.shipyard.dockerfile.parser;

import java.util.List;

/**
 * The raw syntax tree of a Dockerfile: its directives and its instructions in order.
 *
 * @param fileName the name used in error messages
 * @param directives the parser directives found at the top
 * @param nodes the instructions, never empty
 * @param warnings non-fatal remarks such as empty continuation lines
 */
public record ParsedDockerfile(String fileName, Directives directives, List<Node> nodes, List<String> warnings) {

    public ParsedDockerfile {
        nodes = List.copyOf(nodes);
        warnings = List.copyOf(warnings);
    }
}
