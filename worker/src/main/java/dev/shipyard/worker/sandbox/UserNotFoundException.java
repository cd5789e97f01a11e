package dev.shipyard.worker.sandbox;

/** A {@code USER} name or group that the image's passwd or group file does not list. */
public final class UserNotFoundException extends Exception {
    public UserNotFoundException(String message) {
        super(message);
    }
}
