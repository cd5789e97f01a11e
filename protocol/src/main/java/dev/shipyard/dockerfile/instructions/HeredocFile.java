package dev.shipyard.dockerfile.instructions;

/**
 * A here-document used by RUN (as script or input) or as a COPY/ADD source file.
 *
 * @param name the delimiter, which is also the file name for COPY and ADD
 * @param content the content, leading tabs already stripped for {@code <<-}
 * @param expand false when the delimiter was quoted
 * @param chomp true for {@code <<-}
 * @param fileDescriptor the descriptor written before {@code <<}, 0 when absent
 */
public record HeredocFile(String name, String content, boolean expand, boolean chomp, int fileDescriptor) {

    HeredocFile withContent(String newContent) {
        return new HeredocFile(name, newContent, expand, chomp, fileDescriptor);
    }
}
