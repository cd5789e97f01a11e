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

    @Test
    void parse_garbage_failsWithHint() {
        assertThatThrownBy(() -> ModeSpec.parse("rwxr-xr-x"))
                .isInstanceOf(CopyException.class)
                .hasMessage("could not parse --chmod=rwxr-xr-x: expected an octal mode like 755 or symbolic clauses like u+x,go-w");
    }
}
