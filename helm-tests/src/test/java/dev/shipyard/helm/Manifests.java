package dev.shipyard.helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Pattern;

/** The objects of one {@code helm template} output, parsed with the fabric8 Kubernetes model. */
record Manifests(List<HasMetadata> objects) {

    private static final Pattern SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    Manifests {
        objects = List.copyOf(objects);
    }

    static Manifests parse(String rendered) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : SEPARATOR.split(rendered)) {
            if (document.lines().allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"))) {
                continue;
            }
            KubernetesResource resource = Serialization.unmarshal(document);
            if (!(resource instanceof HasMetadata object)) {
                throw new IllegalStateException("not a Kubernetes object: " + document);
            }
            objects.add(object);
        }
        return new Manifests(objects);
    }

    /** The one object of this type whose name ends with {@code suffix}. */
    <T extends HasMetadata> T get(Class<T> type, String suffix) {
        return find(type, suffix).orElseThrow(() -> new NoSuchElementException(
                "no " + type.getSimpleName() + " named *" + suffix + " among " + names()));
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String suffix) {
        List<T> matches = objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().endsWith(suffix)).toList();
        if (matches.size() > 1) {
            throw new IllegalStateException("several " + type.getSimpleName() + " named *" + suffix);
        }
        return matches.stream().findFirst();
    }

    /** A resource of a kind outside the core model (KEDA, Prometheus Operator). */
    GenericKubernetesResource custom(String kind, String suffix) {
        return objects.stream().filter(GenericKubernetesResource.class::isInstance)
                .map(GenericKubernetesResource.class::cast)
                .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().endsWith(suffix))
                .findFirst().orElseThrow(() -> new NoSuchElementException("no " + kind + " named *" + suffix + " among " + names()));
    }

    List<String> kinds() {
        return objects.stream().map(HasMetadata::getKind).toList();
    }

    List<String> names() {
        return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    }
}
