package dev.shipyard.registry.auth;

import java.io.IOException;

/** A registry refused access, or asked for authentication Shipyard cannot give; retrying will not help. */
public class RegistryAuthException extends IOException {

    public RegistryAuthException(String message) {
        super(message);
    }

    public RegistryAuthException(String message, Throwable cause) {
        super(message, cause);
    }
}
