package dev.shipyard.coordinator.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildRecordTest {
    private static final BuildRequest REQUEST = new BuildRequest("Dockerfile", List.of(), Map.of(), null, Map.of(),
            false, null, "oci");

    private static BuildRecord queued() {
        return BuildRecord.queued("b1", REQUEST, "sha256:" + "0".repeat(64),
                List.of(StepRecord.queued(0, 1, 1, "FROM scratch"), StepRecord.queued(0, 2, 2, "COPY a /a")), 100);
    }

    @Test
    void apply_running_setsStartTime() {
        BuildRecord running = queued().apply(new BuildEvent.StateChanged("b1", BuildState.RUNNING, null, null, 200))
                .orElseThrow();

        assertThat(running.state()).isEqualTo(BuildState.RUNNING);
        assertThat(running.startedMillis()).isEqualTo(200);
        assertThat(running.finishedMillis()).isZero();
    }

    @Test
    void apply_eventAfterFinalState_isRejected() {
        BuildRecord done = queued().apply(new BuildEvent.StateChanged("b1", BuildState.CANCELLED, "x", null, 300))
                .orElseThrow();

        assertThat(done.finishedMillis()).isEqualTo(300);
        assertThat(done.apply(new BuildEvent.StateChanged("b1", BuildState.DONE, null, null, 400))).isEmpty();
        assertThat(done.apply(new BuildEvent.StepOutput("b1", "0/1", "stdout", "late", 400))).isEmpty();
    }

    @Test
    void apply_backToQueued_isRejected() {
        BuildRecord running = queued().apply(new BuildEvent.StateChanged("b1", BuildState.RUNNING, null, null, 200))
                .orElseThrow();

        assertThat(running.apply(new BuildEvent.StateChanged("b1", BuildState.QUEUED, null, null, 300))).isEmpty();
    }

    @Test
    void apply_stepRunningThenDone_recordsWorkerTimesKeyAndLayer() {
        BuildRecord record = queued()
                .apply(new BuildEvent.StepChanged("b1", "0/2", StepState.RUNNING, "w1", null, null, null, 210))
                .orElseThrow()
                .apply(new BuildEvent.StepChanged("b1", "0/2", StepState.DONE, "w1", "k", "sha256:l", null, 250))
                .orElseThrow();

        StepRecord step = record.step("0/2").orElseThrow();
        assertThat(step.state()).isEqualTo(StepState.DONE);
        assertThat(step.worker()).isEqualTo("w1");
        assertThat(step.startedMillis()).isEqualTo(210);
        assertThat(step.finishedMillis()).isEqualTo(250);
        assertThat(step.cacheKey()).isEqualTo("k");
        assertThat(step.layerDigest()).isEqualTo("sha256:l");
        assertThat(record.step("0/1").orElseThrow().state()).isEqualTo(StepState.QUEUED);
    }

    @Test
    void apply_finishedStepChangedAgain_isRejected() {
        BuildRecord record = queued()
                .apply(new BuildEvent.StepChanged("b1", "0/1", StepState.CACHED, null, "k", "sha256:l", null, 210))
                .orElseThrow();

        assertThat(record.apply(new BuildEvent.StepChanged("b1", "0/1", StepState.FAILED, "w", null, null, "x", 220)))
                .isEmpty();
    }

    @Test
    void apply_unknownStepOrOtherBuild_isRejected() {
        assertThat(queued().apply(new BuildEvent.StepChanged("b1", "9/9", StepState.RUNNING, "w", null, null, null, 1)))
                .isEmpty();
        assertThat(queued().apply(new BuildEvent.StateChanged("b2", BuildState.RUNNING, null, null, 1))).isEmpty();
    }

    @Test
    void isFinal_onlyForFinalStateChanges() {
        assertThat(new BuildEvent.StateChanged("b1", BuildState.DONE, null, null, 1).isFinal()).isTrue();
        assertThat(new BuildEvent.StateChanged("b1", BuildState.RUNNING, null, null, 1).isFinal()).isFalse();
        assertThat(new BuildEvent.StepOutput("b1", "0/1", "stdout", "x", 1).isFinal()).isFalse();
    }
}
