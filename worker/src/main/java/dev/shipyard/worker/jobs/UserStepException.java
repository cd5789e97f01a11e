package dev.shipyard.worker.jobs;

import java.util.List;

/** The step itself failed (its command exited non-zero, a COPY source is missing): the same inputs fail again. */
public class UserStepException extends Exception {
    private final List<String> lastLines;

    public UserStepException(String message, List<String> lastLines) {
        super(message);
        this.lastLines = List.copyOf(lastLines);
    }

    /** The last lines the step printed, to show with the error. */
    public List<String> lastLines() {
        return lastLines;
    }
}
