package dev.shipyard.oci.archive;

/**
 * The few name forms archives use: the full name BuildKit stores in {@code io.containerd.image.name},
 * the OCI ref name (the tag) and Docker's familiar {@code RepoTags} form.
 */
final class ImageNames {

    private static final String DOCKER_HUB = "docker.io/";
    private static final String OFFICIAL = DOCKER_HUB + "library/";

    private ImageNames() {
    }

    /** {@code app} becomes {@code docker.io/library/app:latest}; a name with a registry keeps it. */
    static String normalize(String name) {
        String full = name;
        int slash = name.indexOf('/');
        if (slash < 0) {
            full = OFFICIAL + name;
        } else {
            String first = name.substring(0, slash);
            if (!first.contains(".") && !first.contains(":") && !first.equals("localhost")) {
                full = DOCKER_HUB + name;
            }
        }
        String last = full.substring(full.lastIndexOf('/') + 1);
        return last.contains(":") || last.contains("@") ? full : full + ":latest";
    }

    /** {@code docker.io/library/app:1} becomes {@code app:1}, as {@code docker images} shows it. */
    static String familiar(String fullName) {
        if (fullName.startsWith(OFFICIAL) && fullName.indexOf('/', OFFICIAL.length()) < 0) {
            return fullName.substring(OFFICIAL.length());
        }
        return fullName.startsWith(DOCKER_HUB) ? fullName.substring(DOCKER_HUB.length()) : fullName;
    }

    /** The object part of a name (the tag, or {@code @digest}), which OCI layouts use as the ref name. */
    static String refName(String fullName) {
        String last = fullName.substring(fullName.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        if (colon >= 0) {
            return last.substring(colon + 1);
        }
        int at = last.indexOf('@');
        return at >= 0 ? last.substring(at) : last;
    }
}
