package dev.shipyard.cli;

import dev.shipyard.cache.image.ImageStore;
import dev.shipyard.oci.ImageReference;
import dev.shipyard.registry.ImagePusher;
import dev.shipyard.registry.PushResult;
import dev.shipyard.registry.RegistryClient;
import java.io.IOException;
import java.util.Collection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code shipyard image push NAME:TAG [REF]}: sends a stored image to a registry, as {@code docker push}. */
@Command(name = "push", description = "Push an image of the local store to a registry.", mixinStandardHelpOptions = true)
final class ImagePushCommand extends ImageCommand.Base {
    @Parameters(index = "0", paramLabel = "NAME:TAG", description = "The stored image.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REF",
            description = "Where to push it, e.g. registry:5000/team/app:1 (default: NAME:TAG).")
    String target;

    @Override
    public Integer call() {
        String destination = target == null ? name : target;
        try {
            ImageReference ref = ImageReference.parse(destination);
            if (ref.digest() != null) {
                spec.commandLine().getErr().println("could not push to " + destination
                        + ": name a tag, not a digest (the registry computes the digest)");
                return 2;
            }
            ImageStore store = ImageCommand.localStore();
            PushResult result = new ImagePusher(RegistryClient.fromSettings(ImageCommand.settings()))
                    .pushStored(store, name, ref);
            // Kept under the pushed name too, so that FROM that name resolves here without a pull.
            store.tag(ref.toString(), store.resolve(name).orElseThrow().manifestDescriptor());
            Collection<RegistryClient.PushOutcome> outcomes = result.blobs().values();
            out().printf("Pushed %s: %d uploaded, %d mounted, %d already there%n", ref.familiar(),
                    count(outcomes, RegistryClient.PushOutcome.UPLOADED), count(outcomes, RegistryClient.PushOutcome.MOUNTED),
                    count(outcomes, RegistryClient.PushOutcome.EXISTED));
            out().println("Digest: " + result.manifestDigest());
            return 0;
        } catch (IOException | RuntimeException e) {
            return fail("push " + name + (target == null ? "" : " to " + target), e);
        }
    }

    private static long count(Collection<RegistryClient.PushOutcome> outcomes, RegistryClient.PushOutcome which) {
        return outcomes.stream().filter(which::equals).count();
    }
}
