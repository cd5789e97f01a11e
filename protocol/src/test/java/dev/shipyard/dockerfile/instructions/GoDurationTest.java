package dev.shipyard.dockerfile.instructions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.dockerfile.DockerfileException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|0", "-0|0", "+0|0", "1ns|1", "1us|1000", "1\u00b5s|1000", "1ms|1000000", "1.5s|1500000000",
        ".5s|500000000", "1.s|1000000000", "1h30m|5400000000000", "2h45m30.5s|9930500000000", "-1s|-1000000000"})
    void parse_validDuration_givesNanoseconds(String text, long nanos) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|time: invalid duration \"\"", "s|time: invalid duration \"s\"", "1..5s|time: invalid duration \"1..5s\"",
        "1h-2m|time: unknown unit \"h-\" in duration \"1h-2m\"", "10|time: missing unit in duration \"10\"",
        "1e3s|time: unknown unit \"e\" in duration \"1e3s\"", "3d|time: unknown unit \"d\" in duration \"3d\"",
        "9999999999h|time: invalid duration \"9999999999h\""})
    void parse_invalidDuration_failsLikeGo(String text, String message) {
        assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(DockerfileException.class).hasMessage(message);
    }
}
