package dev.shipyard.coordinator.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.coordinator.state.BuildRequest;
import dev.shipyard.coordinator.state.StepRecord;
import dev.shipyard.coordinator.state.StepState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildPlanningTest {
    private static BuildRequest request(String target, Map<String, String> args) {
        return new BuildRequest("Dockerfile", List.of(), args, target, Map.of(), false, null, "oci");
    }

    private static final String TWO_STAGES = """
            FROM scratch AS base
            COPY a /a
            FROM base AS app
            ARG NAME=x
            COPY b /$NAME
            """;

    @Test
    void plan_twoStages_queuesEveryNeededStepInOrder() {
        List<StepRecord> steps = BuildPlanning.plan("Dockerfile", TWO_STAGES.getBytes(),
                request(null, Map.of("NAME", "y")));

        assertThat(steps).extracting(StepRecord::id).containsExactly("0/1", "0/2", "1/1", "1/2", "1/3");
        assertThat(steps).extracting(StepRecord::state).containsOnly(StepState.QUEUED);
        assertThat(steps.get(4).instruction()).contains("/y");
        assertThat(steps.get(4).line()).isEqualTo(5);
    }

    @Test
    void plan_target_prunesLaterStages() {
        List<StepRecord> steps = BuildPlanning.plan("Dockerfile", TWO_STAGES.getBytes(), request("base", Map.of()));

        assertThat(steps).extracting(StepRecord::id).containsExactly("0/1", "0/2");
    }

    @Test
    void plan_unknownTarget_isRefused() {
        assertThatThrownBy(() -> BuildPlanning.plan("Dockerfile", TWO_STAGES.getBytes(), request("nope", Map.of())))
                .isInstanceOf(BuildException.class).hasMessageContaining("target stage \"nope\" could not be found");
    }

    @Test
    void plan_badInstruction_carriesFileAndLine() {
        byte[] dockerfile = "FROM scratch\nCOPY a /a\nRNU true\n".getBytes();

        assertThatThrownBy(() -> BuildPlanning.plan("build/Dockerfile", dockerfile, request(null, Map.of())))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("build/Dockerfile:3")
                .satisfies(e -> assertThat(((BuildException) e).detail())
                        .containsEntry("file", "build/Dockerfile").containsEntry("line", 3));
    }
}
