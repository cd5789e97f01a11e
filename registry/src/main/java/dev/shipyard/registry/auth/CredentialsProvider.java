package dev.shipyard.registry.auth;

import java.util.List;
import java.util.Optional;

/** Finds the credentials for a registry host ({@code docker.io}, {@code host:port}). */
@FunctionalInterface
public interface CredentialsProvider {

    Optional<Credentials> lookup(String registry);

    /** No credentials for any registry: anonymous access only. */
    static CredentialsProvider anonymous() {
        return registry -> Optional.empty();
    }

    /** The first provider that knows the registry wins. */
    static CredentialsProvider firstOf(List<CredentialsProvider> providers) {
        List<CredentialsProvider> copy = List.copyOf(providers);
        return registry -> copy.stream().map(p -> p.lookup(registry)).flatMap(Optional::stream).findFirst();
    }
}
