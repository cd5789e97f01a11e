package dev.shipyard.config;

/** A configuration value that is missing or malformed, named by its key. */
public class ConfigException extends IllegalArgumentException {
    private final String key;

    public ConfigException(String key, String problem) {
        super("invalid configuration: " + key + " " + problem
                + " (set it in the config file or as " + Settings.environmentName(key) + ")");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
