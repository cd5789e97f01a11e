package dev.shipyard.protocol.jobs;

/** A request to every worker to stop the named step if it runs there. */
public record CancelStep(String buildId, String stepId) {
    public CancelStep {
        StepRef.requireText(buildId, "buildId");
        StepRef.requireText(stepId, "stepId");
    }
}
