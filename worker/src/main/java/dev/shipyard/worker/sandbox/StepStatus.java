package dev.shipyard.worker.sandbox;

/** How a step's process ended, as a runtime observed it. */
public record StepStatus(Kind kind, int value, String message) {
    /** The kinds of ending. */
    public enum Kind {
        /** {@code value} is the exit code. */
        EXITED,
        /** {@code value} is the signal. */
        SIGNALED,
        /** The command could not be started (not found, bad working directory): the step's fault. */
        EXEC_ERROR,
        /** The sandbox could not be built: the worker's fault. */
        SETUP_ERROR
    }

    /** Parses the launcher's status line: {@code exited N}, {@code signaled N}, {@code exec-error ...}. */
    public static StepStatus parse(String text) {
        String line = text.lines().findFirst().orElse("").trim();
        int space = line.indexOf(' ');
        String word = space < 0 ? line : line.substring(0, space);
        String rest = space < 0 ? "" : line.substring(space + 1);
        try {
            switch (word) {
                case "exited":
                    return new StepStatus(Kind.EXITED, Integer.parseInt(rest), "");
                case "signaled":
                    return new StepStatus(Kind.SIGNALED, Integer.parseInt(rest), "");
                case "exec-error":
                    return new StepStatus(Kind.EXEC_ERROR, 127, rest);
                case "setup-error":
                    return new StepStatus(Kind.SETUP_ERROR, 0, rest);
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            return new StepStatus(Kind.SETUP_ERROR, 0, "unreadable launcher status: " + line);
        }
        return new StepStatus(Kind.SETUP_ERROR, 0,
                line.isEmpty() ? "the sandbox launcher ended without a status" : "unreadable launcher status: " + line);
    }

    /** From a shell-style exit code (128 + signal when killed), as runc reports it. */
    public static StepStatus fromExitCode(int code) {
        return code > 128 && code < 160 ? new StepStatus(Kind.SIGNALED, code - 128, "")
                : new StepStatus(Kind.EXITED, code, "");
    }
}
