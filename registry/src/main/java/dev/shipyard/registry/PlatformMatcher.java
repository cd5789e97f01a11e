package dev.shipyard.registry;

import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Platform;
import java.util.List;
import java.util.Optional;

/** Picks the manifest of an index that runs on a platform, preferring an exact variant match. */
final class PlatformMatcher {

    private PlatformMatcher() {
    }

    static Optional<Descriptor> select(List<Descriptor> manifests, Platform wanted) {
        Descriptor loose = null;
        for (Descriptor d : manifests) {
            Platform p = d.platform();
            if (p == null || !p.os().equals(wanted.os()) || !p.architecture().equals(wanted.architecture())) {
                continue;
            }
            String variant = p.variant() == null ? "" : p.variant();
            String wantedVariant = wanted.variant() == null ? "" : wanted.variant();
            if (variant.equals(wantedVariant)) {
                return Optional.of(d);
            }
            // arm64 images often omit their v8 variant; a request without a variant accepts any.
            boolean compatible = wantedVariant.isEmpty() || variant.isEmpty() && "arm64".equals(p.architecture());
            if (compatible && loose == null) {
                loose = d;
            }
        }
        return Optional.ofNullable(loose);
    }
}
