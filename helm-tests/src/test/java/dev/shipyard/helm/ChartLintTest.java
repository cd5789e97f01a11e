package dev.shipyard.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartLintTest {

    @TempDir
    Path dir;

    @Test
    void lint_externalKafkaAndMinioValues_passesStrict() {
        Path chart = ChartFixture.offlineCopyWithValues(dir, ChartFixture.ciValues());

        LintResult result = new Helm(chart).lint().strict().call();

        assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
    }

    @Test
    void lint_defaultValues_passes() {
        Path chart = ChartFixture.offlineCopy(dir);

        LintResult result = new Helm(chart).lint().call();

        // Missing credentials are only reported by lint; template and install refuse them (ChartTemplateTest).
        assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
    }
}
