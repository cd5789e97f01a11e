package dev.shipyard.dockerfile.instructions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.dockerfile.DockerfileException;
import org.junit.jupiter.api.Test;

class MountParserTest {

    @Test
    void parse_veryLongSize_doesNotOverflowTheStack() {
        String size = "1" + ".1".repeat(50_000) + "m";
        assertThat(MountParser.parse("type=tmpfs,target=/t,size=" + size, null).size()).isEqualTo(size);
    }

    @Test
    void parse_sizeWithEmptyFraction_isRejected() {
        assertThatThrownBy(() -> MountParser.parse("type=tmpfs,target=/t,size=1..5m", null))
                .isInstanceOf(DockerfileException.class).hasMessage("invalid value for size: 1..5m");
    }

    @Test
    void parse_variableInNumber_isCheckedOnlyAfterExpansion() {
        Mount raw = MountParser.parse("type=cache,target=/c,uid=$UID", null);
        assertThat(raw.uid()).isEqualTo("$UID");
        assertThat(MountParser.parse(raw.spec(), word -> word.replace("$UID", "1000")).uid()).isEqualTo("1000");
    }

    @Test
    void csvFields_quotedFieldWithCommaAndDoubledQuote_isOneField() {
        assertThat(MountParser.csvFields("type=bind,\"target=/a,b\"\"c\",ro"))
                .containsExactly("type=bind", "target=/a,b\"c", "ro");
        assertThat(MountParser.csvFields("a,,b")).containsExactly("a", "", "b");
    }

    @Test
    void parse_keysAreCaseInsensitive_typesAreNormalised() {
        Mount mount = MountParser.parse("TYPE=Cache,Target=/c,Sharing=LOCKED", null);
        assertThat(mount.type()).isEqualTo(MountType.CACHE);
        assertThat(mount.sharing()).isEqualTo(CacheSharing.LOCKED);
        assertThat(mount.target()).isEqualTo("/c");
    }
}
