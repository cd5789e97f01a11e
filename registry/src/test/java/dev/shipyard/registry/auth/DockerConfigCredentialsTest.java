package dev.shipyard.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigCredentialsTest {
    @TempDir
    Path dir;

    private DockerConfigCredentials load(String json) throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return DockerConfigCredentials.load(file);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void lookup_base64Auth_decodesUserAndPassword() throws IOException {
        DockerConfigCredentials creds = load("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("bob:s3:cret") + "\"},"
                + "\"registry.example.com:5000\":{\"auth\":\"" + b64("ann:pw") + "\"}}}");

        assertThat(creds.lookup("docker.io")).hasValue(new Credentials("bob", "s3:cret"));
        assertThat(creds.lookup("registry.example.com:5000")).hasValue(new Credentials("ann", "pw"));
        assertThat(creds.lookup("other.example.com")).isEmpty();
    }

    @Test
    void lookup_usernameAndPasswordFields_areUsed() throws IOException {
        DockerConfigCredentials creds = load("{\"auths\":{\"https://ghcr.io\":{\"username\":\"u\",\"password\":\"p\"}},"
                + "\"credsStore\":\"desktop\"}");

        assertThat(creds.lookup("ghcr.io")).hasValue(new Credentials("u", "p"));
    }

    @Test
    void load_authWithoutColon_failsNamingTheEntry() {
        assertThatThrownBy(() -> load("{\"auths\":{\"r.example.com\":{\"auth\":\"" + b64("nocolon") + "\"}}}"))
                .hasMessageContaining("r.example.com").hasMessageContaining("user:password");
    }

    @Test
    void firstOf_settingsBeforeDockerConfig_settingsWin() throws IOException {
        DockerConfigCredentials docker = load("{\"auths\":{\"r.example.com\":{\"auth\":\"" + b64("docker:pw") + "\"}}}");
        SettingsCredentials settings = new SettingsCredentials(Settings.of(Map.of(
                "registry.auth.r.example.com.username", "shipyard", "registry.auth.r.example.com.password", "pw2")));

        CredentialsProvider chain = CredentialsProvider.firstOf(List.of(settings, docker));

        assertThat(chain.lookup("r.example.com")).hasValue(new Credentials("shipyard", "pw2"));
        assertThat(new Credentials("a", "secret").toString()).doesNotContain("secret");
    }
}
