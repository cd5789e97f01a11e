package dev.shipyard.worker.sandbox;

import java.util.List;

/**
 * The step's own command failed (non-zero exit, killed by a limit, timed out, could not be started):
 * permanent, since the same inputs fail the same way. The message reads {@code RUN <cmd>: exit code N}
 * followed by the last lines of output.
 */
public final class StepFailedException extends SandboxException {
    private final int exitCode;
    private final String reason;
    private final List<String> lastLines;

    public StepFailedException(String command, int exitCode, String reason, List<String> lastLines) {
        super(format(command, reason, lastLines), null);
        this.exitCode = exitCode;
        this.reason = reason;
        this.lastLines = List.copyOf(lastLines);
    }

    /** Exit code as a shell reports it (128 + signal when killed). */
    public int exitCode() {
        return exitCode;
    }

    /** What happened, e.g. {@code exit code 2} or {@code killed: out of memory (limit 64 MiB)}. */
    public String reason() {
        return reason;
    }

    public List<String> lastLines() {
        return lastLines;
    }

    @Override
    public boolean isRetriable() {
        return false;
    }

    private static String format(String command, String reason, List<String> lastLines) {
        StringBuilder sb = new StringBuilder("RUN ").append(command).append(": ").append(reason);
        if (!lastLines.isEmpty()) {
            sb.append("\nlast output:");
            lastLines.forEach(line -> sb.append("\n  ").append(line));
        }
        return sb.toString();
    }
}
