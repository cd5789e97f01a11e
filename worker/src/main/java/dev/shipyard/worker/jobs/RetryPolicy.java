package dev.shipyard.worker.jobs;

import dev.shipyard.protocol.jobs.FailureKind;
import dev.shipyard.worker.sandbox.SandboxException;
import dev.shipyard.worker.sandbox.StepCancelledException;
import dev.shipyard.worker.sandbox.StepFailedException;
import java.util.List;
import java.util.Objects;

/**
 * Decides by failure type alone what becomes of a failed attempt: a user failure or a cancellation fails the
 * step at once; an infrastructure failure is retried until {@code maxAttempts} attempts are used up.
 */
public record RetryPolicy(int maxAttempts) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("worker.retry.max-attempts must be 1 or more, was " + maxAttempts);
        }
    }

    /** What to do with a failed attempt. */
    public record Verdict(boolean retry, FailureKind kind, String message, List<String> lastLines) {
        public Verdict {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
            lastLines = List.copyOf(lastLines);
        }
    }

    /** The verdict for attempt number {@code attempt} that threw {@code failure}; {@code cancelled} when it was asked to stop. */
    public Verdict decide(Throwable failure, int attempt, boolean cancelled) {
        String message = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
        if (cancelled || failure instanceof StepCancelledException) {
            return new Verdict(false, FailureKind.CANCELLED, "step cancelled", List.of());
        }
        if (failure instanceof UserStepException user) {
            return new Verdict(false, FailureKind.USER, message, user.lastLines());
        }
        if (failure instanceof SandboxException sandbox && !sandbox.isRetriable()) {
            List<String> lines = failure instanceof StepFailedException failed ? failed.lastLines() : List.of();
            return new Verdict(false, FailureKind.USER, message, lines);
        }
        if (attempt < maxAttempts) {
            return new Verdict(true, FailureKind.INFRA, message, List.of());
        }
        return new Verdict(false, FailureKind.INFRA, "gave up after " + attempt + " attempts: " + message, List.of());
    }
}
