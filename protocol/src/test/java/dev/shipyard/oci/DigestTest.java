package dev.shipyard.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DigestTest {

    private static final String EMPTY_SHA256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void sha256_emptyInput_isWellKnownDigest() {
        assertThat(Digest.sha256(new byte[0]).toString()).isEqualTo(EMPTY_SHA256);
    }

    @Test
    void parse_roundTripsThroughJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Digest digest = Digest.parse(EMPTY_SHA256);
        assertThat(json.writeValueAsString(digest)).isEqualTo("\"" + EMPTY_SHA256 + "\"");
        assertThat(json.readValue("\"" + EMPTY_SHA256 + "\"", Digest.class)).isEqualTo(digest);
    }

    @Test
    void parse_badText_namesTheProblem() {
        assertThatThrownBy(() -> Digest.parse("sha256:abc")).hasMessageContaining("64 lower-case hex");
        assertThatThrownBy(() -> Digest.parse("md5:" + "0".repeat(32))).hasMessageContaining("unsupported digest algorithm 'md5'");
        assertThatThrownBy(() -> Digest.parse("nocolon")).hasMessageContaining("expected <algorithm>:<hex>");
    }

    @Test
    void platform_parse_acceptsVariantAndRejectsJunk() {
        assertThat(Platform.parse("linux/arm64/v8")).isEqualTo(new Platform("linux", "arm64", "v8"));
        assertThat(Platform.parse("linux/amd64").toString()).isEqualTo("linux/amd64");
        assertThatThrownBy(() -> Platform.parse("linux")).hasMessageContaining("expected os/arch[/variant]");
    }
}
