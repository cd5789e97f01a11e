package dev.shipyard.coordinator.build;

import java.util.Map;

/** A build request the coordinator refuses, with what kind of refusal it is and machine-readable detail. */
public final class BuildException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the request is refused; the HTTP API maps each kind to one status. */
    public enum Kind { INVALID, NOT_FOUND, CONFLICT, TOO_LARGE }

    private final Kind kind;
    private final transient Map<String, Object> detail;

    public BuildException(Kind kind, String message, Map<String, Object> detail) {
        super(message);
        this.kind = kind;
        this.detail = Map.copyOf(detail);
    }

    public static BuildException invalid(String message) {
        return new BuildException(Kind.INVALID, message, Map.of());
    }

    public static BuildException notFound(String buildId) {
        return new BuildException(Kind.NOT_FOUND, "no build " + buildId, Map.of("id", buildId));
    }

    public Kind kind() {
        return kind;
    }

    public Map<String, Object> detail() {
        return detail;
    }
}
