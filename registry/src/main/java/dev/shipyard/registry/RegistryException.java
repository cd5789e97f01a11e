package dev.shipyard.registry;

import java.io.IOException;

/** A registry answered in a way Shipyard cannot use: a bad status, corrupt content or a protocol error. */
public class RegistryException extends IOException {

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
