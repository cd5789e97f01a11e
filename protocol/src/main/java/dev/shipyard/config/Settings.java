package dev.shipyard.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Flat configuration: keys like {@code cache.s3.endpoint}, read from a properties file and overridden by
 * environment variables ({@code SHIPYARD_CACHE_S3_ENDPOINT}) and then by explicit values.
 *
 * <p>Each component declares its own config record with defaults and reads it from here once, at
 * startup; a bad value fails there with the key and what is wrong.
 */
public final class Settings {
    private static final String ENV_PREFIX = "SHIPYARD_";
    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    public static Settings empty() {
        return new Settings(Map.of());
    }

    /** The file's keys (when {@code file} is given), overridden by the process environment. */
    public static Settings load(Optional<Path> file) throws IOException {
        Map<String, String> merged = new HashMap<>();
        if (file.isPresent()) {
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(file.get())) {
                props.load(reader);
            }
            props.stringPropertyNames().forEach(k -> merged.put(k, props.getProperty(k).trim()));
        }
        merged.putAll(fromEnvironment(System.getenv()));
        return new Settings(merged);
    }

    /**
     * {@code SHIPYARD_CACHE_S3_ENDPOINT=x} becomes {@code cache.s3.endpoint=x}, and a double underscore stands for
     * a dash ({@code SHIPYARD_CACHE_S3_ACCESS__KEY} is {@code cache.s3.access-key}), since shells and Kubernetes
     * reject dashes in variable names; other variables are ignored.
     */
    static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> out = new HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                String key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
                out.put(key.replace("__", "-").replace('_', '.'), value);
            }
        });
        return out;
    }

    /** The environment variable that sets {@code key}: the inverse of the mapping above. */
    public static String environmentName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace("-", "__").replace('.', '_');
    }

    /** These settings with {@code overrides} on top. */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(overrides);
        return new Settings(merged);
    }

    public Optional<String> get(String key) {
        String value = values.get(key);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public String string(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    public String required(String key) {
        return get(key).orElseThrow(() -> new ConfigException(key, "is required but not set"));
    }

    public int integer(String key, int defaultValue) {
        return get(key).map(v -> parse(key, v, Integer::parseInt, "an integer")).orElse(defaultValue);
    }

    public long longValue(String key, long defaultValue) {
        return get(key).map(v -> parse(key, v, Long::parseLong, "an integer")).orElse(defaultValue);
    }

    public boolean bool(String key, boolean defaultValue) {
        return get(key).map(v -> {
            String lower = v.toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return Boolean.parseBoolean(lower);
            }
            throw new ConfigException(key, "must be true or false, not '" + v + "'");
        }).orElse(defaultValue);
    }

    /** A duration as ISO-8601 ({@code PT30S}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}. */
    public Duration duration(String key, Duration defaultValue) {
        return get(key).map(v -> parseDuration(key, v)).orElse(defaultValue);
    }

    /** A size in bytes, with an optional binary unit: {@code 512k}, {@code 20m}, {@code 10g}. */
    public long bytes(String key, long defaultValue) {
        return get(key).map(v -> parseBytes(key, v)).orElse(defaultValue);
    }

    static Duration parseDuration(String key, String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(text.trim());
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            switch (v.charAt(v.length() - 1)) {
                case 's': return Duration.ofSeconds(n);
                case 'm': return Duration.ofMinutes(n);
                case 'h': return Duration.ofHours(n);
                case 'd': return Duration.ofDays(n);
                default: break;
            }
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            // fall through to the error below, which names the key
        }
        throw new ConfigException(key, "must be a duration such as 30s, 5m or PT1H, not '" + text + "'");
    }

    static long parseBytes(String key, String text) {
        String v = text.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
        long unit = 1;
        if (!v.isEmpty() && "kmgt".indexOf(v.charAt(v.length() - 1)) >= 0) {
            unit = 1L << (10 * ("kmgt".indexOf(v.charAt(v.length() - 1)) + 1));
            v = v.substring(0, v.length() - 1);
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigException(key, "must be a size such as 512m or 10g, not '" + text + "'");
        }
    }

    private static <T> T parse(String key, String value, java.util.function.Function<String, T> parser, String what) {
        try {
            return parser.apply(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be " + what + ", not '" + value + "'");
        }
    }
}
