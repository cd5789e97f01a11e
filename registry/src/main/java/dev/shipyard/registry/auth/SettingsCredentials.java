package dev.shipyard.registry.auth;

import dev.shipyard.config.Settings;
import java.util.Optional;

/** Credentials from Shipyard settings: {@code registry.auth.<host>.username} and {@code .password}. */
public final class SettingsCredentials implements CredentialsProvider {
    private final Settings settings;

    public SettingsCredentials(Settings settings) {
        this.settings = settings;
    }

    @Override
    public Optional<Credentials> lookup(String registry) {
        String prefix = "registry.auth." + registry + ".";
        return settings.get(prefix + "username")
                .map(user -> new Credentials(user, settings.string(prefix + "password", "")));
    }
}
