package dev.shipyard.worker.layer;

/** The xattr namespace OverlayFS uses for its own marks: {@code trusted.} as root, {@code user.} with {@code userxattr}. */
public record OverlayXattrs(String namespace) {

    public static final OverlayXattrs TRUSTED = new OverlayXattrs("trusted.");
    public static final OverlayXattrs USER = new OverlayXattrs("user.");

    public String opaque() {
        return namespace + "overlay.opaque";
    }

    /** True for OverlayFS's private attributes, which never travel in a layer tar. */
    public static boolean isOverlayPrivate(String name) {
        return name.startsWith("trusted.overlay.") || name.startsWith("user.overlay.");
    }
}
