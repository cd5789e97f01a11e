package dev.shipyard.worker.sandbox;

final class Mounts {
    private Mounts() {
    }

    static void checkTarget(String target) {
        if (target == null || !target.startsWith("/")) {
            throw new IllegalArgumentException("mount target must be an absolute path: " + target);
        }
        for (String part : target.split("/")) {
            if (part.equals("..")) {
                throw new IllegalArgumentException("mount target must not contain '..': " + target);
            }
        }
    }
}
