package dev.shipyard.worker.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipyard.oci.Digest;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainIdsTest {

    private static final Digest A = Digest.sha256("a");
    private static final Digest B = Digest.sha256("b");
    private static final Digest C = Digest.sha256("c");

    @Test
    void of_singleLayer_chainIdIsDiffId() {
        assertThat(ChainIds.of(List.of(A))).containsExactly(A);
    }

    @Test
    void of_threeLayers_hashesParentSpaceDiffId() {
        Digest ab = Digest.sha256(A + " " + B);
        Digest abc = Digest.sha256(ab + " " + C);

        assertThat(ChainIds.of(List.of(A, B, C))).containsExactly(A, ab, abc);
    }

    @Test
    void next_orderMatters() {
        assertThat(ChainIds.next(A, B)).isNotEqualTo(ChainIds.next(B, A));
    }

    @Test
    void unescape_mountinfoOctal_decoded() {
        assertThat(MountTable.unescape("/tmp/a\\040b")).isEqualTo("/tmp/a b");
        assertThat(MountTable.unescape("/plain")).isEqualTo("/plain");
    }
}
