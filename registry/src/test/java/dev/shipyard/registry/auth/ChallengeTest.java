package dev.shipyard.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChallengeTest {

    @Test
    void parse_bearerWithQuotedParams_readsRealmServiceAndScope() {
        Challenge c = Challenge.parse("Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\","
                + "scope=\"repository:library/ubuntu:pull,push\"").orElseThrow();

        assertThat(c.isBearer()).isTrue();
        assertThat(c.params()).isEqualTo(Map.of("realm", "https://auth.example.com/token",
                "service", "registry.example.com", "scope", "repository:library/ubuntu:pull,push"));
    }

    @Test
    void parse_basicWithUnquotedRealm_isBasic() {
        Challenge c = Challenge.parse("basic realm=Registry").orElseThrow();

        assertThat(c.isBasic()).isTrue();
        assertThat(c.param("realm")).hasValue("Registry");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "Bearer realm=\"unterminated", "Bearer realm", "\"quoted\" x=y", "Bearer =x"})
    void parse_malformed_isEmpty(String header) {
        assertThat(Challenge.parse(header)).isEmpty();
    }

    @Test
    void tokenUri_severalScopes_sendsEachAsItsOwnParameter() {
        assertThat(RegistryAuthenticator.tokenUri("https://auth/token", java.util.Optional.of("reg"),
                "repository:a:pull,push repository:b:pull").toString())
                .isEqualTo("https://auth/token?service=reg&scope=repository%3Aa%3Apull%2Cpush&scope=repository%3Ab%3Apull");
    }
}
