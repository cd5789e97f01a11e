package dev.shipyard.cache.image;

import java.io.FileNotFoundException;

/** No image of that name is in the local store. */
public class ImageNotFoundException extends FileNotFoundException {
    public ImageNotFoundException(String reference) {
        super("image " + reference + " not found in the local image store (load it with `shipyard image load`, "
                + "or build it with -t)");
    }
}
