package dev.shipyard.registry;

/** When {@link ImageResolver} asks the registry about an image the local store already has. */
public enum PullPolicy {
    /** Only when the local store lacks the image, as {@code docker build} does. */
    MISSING,
    /** Every time, for a newer digest under the tag, as {@code docker build --pull} does. */
    ALWAYS,
    /** Never: an image missing locally fails the build, for offline work. */
    NEVER
}
