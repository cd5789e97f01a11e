package dev.shipyard.protocol.jobs;

import java.util.Objects;

/** One attempt at one step of one build. */
public record StepRef(String buildId, String stepId, int attempt) {
    public StepRef {
        requireText(buildId, "buildId");
        requireText(stepId, "stepId");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more, was " + attempt);
        }
    }

    /** This step's next attempt. */
    public StepRef nextAttempt() {
        return new StepRef(buildId, stepId, attempt + 1);
    }

    /** Whether {@code other} names the same step of the same build, whatever the attempt. */
    public boolean sameStep(String otherBuildId, String otherStepId) {
        return buildId.equals(otherBuildId) && stepId.equals(otherStepId);
    }

    static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    @Override
    public String toString() {
        return buildId + "/" + stepId + "#" + attempt;
    }
}
