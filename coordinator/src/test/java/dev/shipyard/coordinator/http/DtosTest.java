package dev.shipyard.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipyard.coordinator.state.BuildEvent;
import dev.shipyard.coordinator.state.BuildRecord;
import dev.shipyard.coordinator.state.BuildRequest;
import dev.shipyard.coordinator.state.BuildState;
import dev.shipyard.coordinator.state.StepRecord;
import dev.shipyard.coordinator.state.StepState;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wire shapes of version 1, against golden files: a change here is a change clients see. */
class DtosTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String golden(String name) throws IOException {
        try (InputStream in = DtosTest.class.getResourceAsStream("/wire/" + name)) {
            return new String(in.readAllBytes());
        }
    }

    private static void assertMatches(Object dto, String goldenFile) throws IOException {
        assertThat(JSON.readTree(ApiJson.write(dto))).isEqualTo(JSON.readTree(golden(goldenFile)));
    }

    @Test
    void build_finishedRecord_matchesGolden() throws IOException {
        BuildRequest request = new BuildRequest("Dockerfile", List.of("app:1"), Map.of("A", "1"), "app",
                Map.of("team", "infra"), true, "linux/arm64", "docker");
        BuildRecord record = BuildRecord.queued("0000018c0000000000ab", request, "sha256:" + "a".repeat(64),
                List.of(StepRecord.queued(0, 1, 1, "FROM scratch")), 1_700_000_000_000L)
                .apply(new BuildEvent.StateChanged("0000018c0000000000ab", BuildState.RUNNING, null, null,
                        1_700_000_001_000L)).orElseThrow()
                .apply(new BuildEvent.StepChanged("0000018c0000000000ab", "0/1", StepState.CACHED, null,
                        "sha256:" + "b".repeat(64), "sha256:" + "c".repeat(64), null, 1_700_000_001_500L)).orElseThrow()
                .apply(new BuildEvent.StateChanged("0000018c0000000000ab", BuildState.DONE, null,
                        "sha256:" + "d".repeat(64), 1_700_000_002_000L)).orElseThrow();

        assertMatches(Dtos.Build.of(record), "build-done.json");
    }

    @Test
    void events_eachKind_matchGolden() throws IOException {
        assertMatches(Dtos.Event.of(new BuildEvent.StepOutput("b", "0/2", "stderr", "warning\n", 1_700_000_000_000L)),
                "event-output.json");
        assertMatches(Dtos.Event.of(new BuildEvent.StateChanged("b", BuildState.FAILED, "step 0/2 failed", null,
                1_700_000_000_000L)), "event-state.json");
    }

    @Test
    void error_matchesGolden() throws IOException {
        assertMatches(new Dtos.Error("no build x", Map.of("id", "x")), "error.json");
    }
}
