package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.SourceRange;

/**
 * {@code FROM [--platform=p] image [AS name]}: starts a build stage.
 *
 * @param image the base image or stage reference, unexpanded
 * @param platform the {@code --platform} value, null when absent
 * @param stageName the stage name as written after AS, null when absent
 */
public record FromInstruction(SourceRange range, String original, String image, String platform, String stageName)
        implements Instruction {

    @Override
    public String keyword() {
        return "FROM";
    }

    @Override
    public FromInstruction expand(WordExpander expander) {
        return new FromInstruction(range, original, expander.expand(image), Expansions.word(platform, expander),
                stageName);
    }
}
