package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.DockerfileException;
import dev.shipyard.dockerfile.SourceRange;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code RUN [--mount=...] [--network=...] [--security=...] command}.
 *
 * @param command one element holding the shell text in shell form, the argv in exec (JSON) form
 * @param shellForm true when the command runs through the stage's SHELL
 * @param heredocs here-documents declared on the line, in order
 * @param mounts the {@code --mount} flags in order
 * @param network the {@code --network} mode, DEFAULT when absent
 * @param security the {@code --security} mode, SANDBOX when absent
 */
public record RunInstruction(SourceRange range, String original, List<String> command, boolean shellForm,
                             List<HeredocFile> heredocs, List<Mount> mounts, NetworkMode network,
                             SecurityMode security) implements Instruction {

    public RunInstruction {
        command = List.copyOf(command);
        heredocs = List.copyOf(heredocs);
        mounts = List.copyOf(mounts);
    }

    @Override
    public String keyword() {
        return "RUN";
    }

    /** Expands the mount options only: BuildKit leaves the command text to the shell. */
    @Override
    public RunInstruction expand(WordExpander expander) {
        List<Mount> expanded = new ArrayList<>();
        for (Mount mount : mounts) {
            try {
                expanded.add(MountParser.parse(mount.spec(), expander));
            } catch (DockerfileException e) {
                throw e.at(null, range);
            }
        }
        return new RunInstruction(range, original, command, shellForm, heredocs, expanded, network, security);
    }
}
