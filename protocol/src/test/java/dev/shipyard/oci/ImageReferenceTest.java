package dev.shipyard.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {
    private static final String HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # input                                  | registry         | repository            | tag    | digest       | familiar
            ubuntu                                   | docker.io        | library/ubuntu        | latest | -            | ubuntu:latest
            ubuntu:22.04                             | docker.io        | library/ubuntu        | 22.04  | -            | ubuntu:22.04
            docker.io/ubuntu                         | docker.io        | library/ubuntu        | latest | -            | ubuntu:latest
            index.docker.io/library/ubuntu:jammy     | docker.io        | library/ubuntu        | jammy  | -            | ubuntu:jammy
            user/repo                                | docker.io        | user/repo             | latest | -            | user/repo:latest
            user/repo/deep:v1                        | docker.io        | user/repo/deep        | v1     | -            | user/repo/deep:v1
            library/ubuntu/extra                     | docker.io        | library/ubuntu/extra  | latest | -            | library/ubuntu/extra:latest
            host:5000/repo:tag                       | host:5000        | repo                  | tag    | -            | host:5000/repo:tag
            registry.example.com/team/app            | registry.example.com | team/app          | latest | -            | registry.example.com/team/app:latest
            localhost/x                              | localhost        | x                     | latest | -            | localhost/x:latest
            localhost:5000/x/y:1.0                   | localhost:5000   | x/y                   | 1.0    | -            | localhost:5000/x/y:1.0
            127.0.0.1:5000/busybox                   | 127.0.0.1:5000   | busybox               | latest | -            | 127.0.0.1:5000/busybox:latest
            [::1]:5000/busybox:musl                  | [::1]:5000       | busybox               | musl   | -            | [::1]:5000/busybox:musl
            Upper/repo                               | Upper            | repo                  | latest | -            | Upper/repo:latest
            a_b.c__d-e--f:Tag_1.x-Y                  | docker.io        | library/a_b.c__d-e--f | Tag_1.x-Y | -         | a_b.c__d-e--f:Tag_1.x-Y
            ubuntu@sha256:HEX                        | docker.io        | library/ubuntu        | -      | sha256:HEX   | ubuntu@sha256:HEX
            ubuntu:22.04@sha256:HEX                  | docker.io        | library/ubuntu        | 22.04  | sha256:HEX   | ubuntu:22.04@sha256:HEX
            host:5000/repo@sha256:HEX                | host:5000        | repo                  | -      | sha256:HEX   | host:5000/repo@sha256:HEX
            """)
    void parse_validReference_normalizesAsDocker(String input, String registry, String repository, String tag,
                                                 String digest, String familiar) {
        ImageReference ref = ImageReference.parse(input.replace("HEX", HEX));

        assertThat(ref.registry()).isEqualTo(registry);
        assertThat(ref.repository()).isEqualTo(repository);
        assertThat(ref.tag()).isEqualTo(tag);
        assertThat(ref.digest()).isEqualTo(digest == null ? null : Digest.parse(digest.replace("HEX", HEX)));
        assertThat(ref.familiar()).isEqualTo(familiar.replace("HEX", HEX));
        assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                           | the reference is empty
            UPPER                        | must be lower-case
            user/Repo                    | must be lower-case
            host:5000/Repo               | must be lower-case
            ubuntu:-bad                  | invalid tag '-bad'
            ubuntu:.bad                  | invalid tag '.bad'
            ubuntu:a+b                   | invalid tag 'a+b'
            ubuntu@sha256:abc            | invalid digest 'sha256:abc'
            ubuntu@md5:0123456789abcdef0123456789abcdef | unsupported digest algorithm 'md5'
            -ubuntu                      | expected [registry/]repository
            ubuntu_                      | expected [registry/]repository
            a//b                         | expected [registry/]repository
            host:5000/                   | expected [registry/]repository
            ubuntu:                      | invalid tag ''
            a___b                        | expected [registry/]repository
            0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | 64-byte hexadecimal
            """)
    void parse_invalidReference_explainsWhy(String input, String reason) {
        assertThatThrownBy(() -> ImageReference.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid image reference '" + input + "'")
                .hasMessageContaining(reason);
    }

    @Test
    void parse_tagLongerThan128_isRejected() {
        String tag = "t".repeat(129);

        assertThatThrownBy(() -> ImageReference.parse("ubuntu:" + tag)).hasMessageContaining("invalid tag");
        assertThat(ImageReference.parse("ubuntu:" + tag.substring(1)).tag()).hasSize(128);
    }

    @Test
    void parse_nameLongerThan255_isRejected() {
        String repo = "a".repeat(250);

        assertThatThrownBy(() -> ImageReference.parse("user/" + repo))
                .hasMessageContaining("must not be longer than 255 characters");
    }

    @Test
    void manifestReference_pinned_prefersDigest() {
        ImageReference ref = ImageReference.parse("ubuntu:22.04@sha256:" + HEX);

        assertThat(ref.manifestReference()).isEqualTo("sha256:" + HEX);
        assertThat(ref.withTag("x").manifestReference()).isEqualTo("x");
        assertThat(ref.toString()).isEqualTo("docker.io/library/ubuntu:22.04@sha256:" + HEX);
    }
}
