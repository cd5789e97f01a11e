package dev.shipyard.worker.sandbox;

import java.util.List;

/** Turns what a runtime observed into a result or the right exception type, with a message users can act on. */
public final class StepOutcomes {
    private static final int SIGKILL = 9;

    private StepOutcomes() {
    }

    public static RunResult interpret(SandboxSpec spec, StepProcess.Outcome outcome, StepStatus status,
            List<String> lastLines, boolean oomKilled, boolean pidsLimitReached) throws SandboxException {
        String command = spec.displayCommand();
        if (outcome.cancelled()) {
            throw new StepCancelledException(command);
        }
        if (outcome.timedOut()) {
            throw new StepFailedException(command, 128 + SIGKILL,
                    "timed out after " + spec.timeout().toSeconds() + "s and was killed", lastLines);
        }
        if (oomKilled && status.kind() != StepStatus.Kind.EXITED || oomKilled && status.value() != 0) {
            throw new StepFailedException(command, 128 + SIGKILL,
                    "killed: out of memory (limit " + mebibytes(spec.limits().memoryBytes()) + ")", lastLines);
        }
        switch (status.kind()) {
            case EXITED:
                if (status.value() == 0) {
                    return new RunResult(outcome.elapsed());
                }
                throw new StepFailedException(command, status.value(),
                        "exit code " + status.value() + pidsNote(spec, pidsLimitReached), lastLines);
            case SIGNALED:
                throw new StepFailedException(command, 128 + status.value(),
                        "killed by signal " + status.value() + pidsNote(spec, pidsLimitReached)
                                + memoryNote(spec, status.value()), lastLines);
            case EXEC_ERROR:
                throw new StepFailedException(command, status.value(), status.message(), lastLines);
            default:
                throw new SandboxFailureException("could not run RUN " + command + ": " + status.message());
        }
    }

    private static String pidsNote(SandboxSpec spec, boolean reached) {
        return reached ? " (the limit of " + spec.limits().pidsMax() + " processes was reached)" : "";
    }

    /** When the runtime cannot tell an OOM kill apart, a SIGKILL under a memory limit is most likely one. */
    private static String memoryNote(SandboxSpec spec, int signal) {
        return signal == SIGKILL && spec.limits().memoryBytes() > 0
                ? " (possibly out of memory: limit " + mebibytes(spec.limits().memoryBytes()) + ")" : "";
    }

    private static String mebibytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }
}
