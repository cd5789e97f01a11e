package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.SourceRange;
import java.util.List;

/**
 * {@code CMD}: the default command of the image.
 *
 * @param command one element holding the shell text in shell form, the argv in exec (JSON) form; may be empty
 * @param shellForm true when the command runs through the stage's SHELL
 */
public record CmdInstruction(SourceRange range, String original, List<String> command, boolean shellForm)
        implements Instruction {

    public CmdInstruction {
        command = List.copyOf(command);
    }

    @Override
    public String keyword() {
        return "CMD";
    }
}
