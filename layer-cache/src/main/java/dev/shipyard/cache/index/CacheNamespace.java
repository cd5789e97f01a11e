package dev.shipyard.cache.index;

import java.util.regex.Pattern;

/**
 * A partition of the cache index: keys are looked up and claimed within one namespace only, so a tenant
 * or project can never poison another's cache. {@link #SHARED} holds layers everybody may use (base images).
 */
public record CacheNamespace(String name) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    /** The namespace of layers common to every build, such as pulled base-image layers. */
    public static final CacheNamespace SHARED = new CacheNamespace("shared");

    public CacheNamespace {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid cache namespace '" + name
                    + "': use 1-63 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        }
    }

    public static CacheNamespace of(String name) {
        return new CacheNamespace(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
