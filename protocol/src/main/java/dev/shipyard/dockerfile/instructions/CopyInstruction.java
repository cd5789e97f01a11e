package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.SourceRange;
import java.util.List;

/**
 * {@code COPY [--from] [--chown] [--chmod] [--link] [--parents] [--exclude]... src... dest}.
 *
 * @param sources source paths, unexpanded
 * @param heredocSources here-documents used as source files
 * @param destination the destination path
 * @param from the {@code --from} stage, image or context, null when absent
 * @param chown the {@code --chown} value, null when absent
 * @param chmod the {@code --chmod} value, null when absent
 * @param excludes the {@code --exclude} patterns in order
 */
public record CopyInstruction(SourceRange range, String original, List<String> sources,
                              List<HeredocFile> heredocSources, String destination, String from, String chown,
                              String chmod, boolean link, boolean parents, List<String> excludes)
        implements Instruction {

    public CopyInstruction {
        sources = List.copyOf(sources);
        heredocSources = List.copyOf(heredocSources);
        excludes = List.copyOf(excludes);
    }

    @Override
    public String keyword() {
        return "COPY";
    }

    /** Expands sources, destination, --from, --chown, --chmod and unquoted here-document content. */
    @Override
    public CopyInstruction expand(WordExpander expander) {
        return new CopyInstruction(range, original, Expansions.all(sources, expander),
                SourceFiles.expand(heredocSources, expander), expander.expand(destination),
                Expansions.word(from, expander), Expansions.word(chown, expander), Expansions.word(chmod, expander),
                link, parents, excludes);
    }
}
