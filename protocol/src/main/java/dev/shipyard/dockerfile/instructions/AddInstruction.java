package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.SourceRange;
import java.util.List;

/**
 * {@code ADD [--chown] [--chmod] [--link] [--keep-git-dir] [--checksum] [--exclude]... src... dest}.
 *
 * @param sources source paths or URLs, unexpanded
 * @param heredocSources here-documents used as source files
 * @param destination the destination path
 * @param chown the {@code --chown} value, null when absent
 * @param chmod the {@code --chmod} value, null when absent
 * @param checksum the {@code --checksum} digest of a remote source, null when absent
 * @param excludes the {@code --exclude} patterns in order
 */
public record AddInstruction(SourceRange range, String original, List<String> sources,
                             List<HeredocFile> heredocSources, String destination, String chown, String chmod,
                             boolean link, boolean keepGitDir, String checksum, List<String> excludes)
        implements Instruction {

    public AddInstruction {
        sources = List.copyOf(sources);
        heredocSources = List.copyOf(heredocSources);
        excludes = List.copyOf(excludes);
    }

    @Override
    public String keyword() {
        return "ADD";
    }

    /** Expands sources, destination, --chown, --chmod, --checksum and unquoted here-document content. */
    @Override
    public AddInstruction expand(WordExpander expander) {
        return new AddInstruction(range, original, Expansions.all(sources, expander),
                SourceFiles.expand(heredocSources, expander), expander.expand(destination),
                Expansions.word(chown, expander), Expansions.word(chmod, expander), link, keepGitDir,
                Expansions.word(checksum, expander), excludes);
    }
}
