package dev.shipyard.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NOTES.txt as {@code helm install} prints it; a client-only dry run needs no cluster. */
class ChartNotesTest {

    @TempDir
    static Path dir;

    private static Path chart;

    @BeforeAll
    static void copyChart() {
        chart = ChartFixture.offlineCopy(dir);
    }

    private static String notes(Object... sets) {
        InstallCommand install = new Helm(chart).install().withName("farm").withNamespace("builds")
                .clientOnly().dryRun().withKubeVersion("1.33.0").withValuesFile(ChartFixture.ciValues());
        for (int i = 0; i < sets.length; i += 2) {
            install.set((String) sets[i], sets[i + 1]);
        }
        String output = install.call().getOutput();
        return output.substring(output.indexOf("NOTES:"));
    }

    @Test
    void install_defaults_notesSayHowToReachTheFarmAndWarnAboutPrivilegedWorkers() {
        String notes = notes();

        assertThat(notes).contains("kafka-0.kafka.example.com:9092,kafka-1.kafka.example.com:9092 (PLAINTEXT)")
                .contains("kubectl -n builds port-forward service/farm-shipyard-coordinator 8080:80")
                .contains("Workers run privileged");
    }

    @Test
    void install_kedaAndIngress_notesNameTheScalingRangeAndTheHost() {
        String notes = notes("autoscaling.keda.enabled", true, "autoscaling.keda.maxReplicas", 9,
                "coordinator.ingress.enabled", true, "worker.sandbox.mode", "capabilities");

        assertThat(notes).contains("Workers:      1-9 (KEDA, on the lag of group shipyard-workers)")
                .contains("http://shipyard.example.com").doesNotContain("port-forward", "Workers run privileged");
    }
}
