package dev.shipyard.dockerfile.instructions;

import java.util.ArrayList;
import java.util.List;

/** Expansion of here-document sources of COPY and ADD. */
final class SourceFiles {

    private SourceFiles() {
    }

    static List<HeredocFile> expand(List<HeredocFile> files, WordExpander expander) {
        List<HeredocFile> expanded = new ArrayList<>(files.size());
        for (HeredocFile file : files) {
            expanded.add(file.expand() ? file.withContent(expander.expand(file.content())) : file);
        }
        return List.copyOf(expanded);
    }
}
