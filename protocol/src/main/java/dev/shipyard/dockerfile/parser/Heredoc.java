package dev.shipyard.dockerfile.parser;

/**
 * A here-document attached to an instruction ({@code <<EOF ... EOF}).
 *
 * @param name the delimiter word with its quotes removed
 * @param content the lines between the instruction and the delimiter, each ending with a newline, as written
 * @param expand false when the delimiter was quoted, so the content is taken literally
 * @param chomp true for {@code <<-}: leading tabs are stripped from the content and the delimiter line
 * @param fileDescriptor the descriptor number written before {@code <<}, 0 when absent
 */
public record Heredoc(String name, String content, boolean expand, boolean chomp, int fileDescriptor) {

    /** The content with leading tabs removed from each line when {@link #chomp()} is set. */
    public String effectiveContent() {
        return chomp ? content.replaceAll("(?m)^\t+", "") : content;
    }
}
