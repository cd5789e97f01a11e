package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.SourceRange;
import java.util.List;

/** {@code SHELL ["executable", "param"]}: the shell used by later shell-form instructions. */
public record ShellInstruction(SourceRange range, String original, List<String> shell) implements Instruction {

    public ShellInstruction {
        shell = List.copyOf(shell);
    }

    @Override
    public String keyword() {
        return "SHELL";
    }
}
