package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.SourceRange;

/** One typed Dockerfile instruction; values are kept as written until {@link #expand(WordExpander)}. */
public sealed interface Instruction permits FromInstruction, RunInstruction, CmdInstruction, EntrypointInstruction,
        ShellInstruction, CopyInstruction, AddInstruction, EnvInstruction, ArgInstruction, LabelInstruction,
        ExposeInstruction, WorkdirInstruction, UserInstruction, VolumeInstruction, StopSignalInstruction,
        HealthcheckInstruction, OnbuildInstruction, MaintainerInstruction {

    /** The lines the instruction spans, here-documents included. */
    SourceRange range();

    /** The instruction text as written, continuation lines joined. */
    String original();

    /** The instruction name in upper case, such as {@code RUN}. */
    String keyword();

    /**
     * A copy with the fields BuildKit expands passed through the expander; instructions without expandable
     * fields (RUN command text, CMD, ENTRYPOINT, SHELL, HEALTHCHECK, ONBUILD, MAINTAINER) return themselves.
     */
    default Instruction expand(WordExpander expander) {
        return this;
    }
}
