package dev.shipyard.worker.layer;

import java.io.IOException;

/** A layer tar that Shipyard refuses to unpack, e.g. an entry that would escape the snapshot directory. */
public class InvalidLayerException extends IOException {
    private static final long serialVersionUID = 1L;

    public InvalidLayerException(String message) {
        super(message);
    }
}
