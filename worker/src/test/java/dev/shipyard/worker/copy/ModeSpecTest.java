package dev.shipyard.worker.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ModeSpecTest {

    @ParameterizedTest
    @CsvSource({"755,644,false,755", "0640,777,false,640", "u+x,644,false,744", "go-w,666,false,644",
        "a=r,755,false,444", "+X,644,false,644", "+X,644,true,755", "'u=rwx,g=rx,o=',600,false,750", "u+s,755,false,4755"})
    void apply_octalAndSymbolic(String spec, String mode, boolean dir, String expected) {
        assertThat(Integer.toOctalString(ModeSpec.parse(spec).apply(Integer.parseInt(mode, 8), dir))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"rwxr-xr-x", "10000", "u+q", "8"})
    void parse_invalid_failsWithHint(String spec) {
        assertThatThrownBy(() -> ModeSpec.parse(spec))
                .isInstanceOf(CopyException.class)
                .hasMessage("could not parse --chmod=" + spec
                        + ": expected an octal mode between 0 and 07777 (755) or symbolic clauses (u+x,go-w)");
    }

    @Test
    void parse_leadingZeros_areOctal() {
        assertThat(ModeSpec.parse("00755").apply(0, false)).isEqualTo(0755);
    }
}
