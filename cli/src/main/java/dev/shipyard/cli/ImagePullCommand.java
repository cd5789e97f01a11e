package dev.shipyard.cli;

import dev.shipyard.cache.image.ImageStore;
import dev.shipyard.oci.ImageReference;
import dev.shipyard.oci.Platform;
import dev.shipyard.registry.ImageResolveException;
import dev.shipyard.registry.ImageResolver;
import dev.shipyard.registry.PullPolicy;
import dev.shipyard.registry.RegistryClient;
import dev.shipyard.registry.ResolveOptions;
import dev.shipyard.registry.ResolvedImage;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shipyard image pull REF}: fetches an image from its registry into the local store, as {@code docker pull}. */
@Command(name = "pull", description = "Pull an image from a registry into the local store.", mixinStandardHelpOptions = true)
final class ImagePullCommand extends ImageCommand.Base {
    @Parameters(paramLabel = "REF", description = "The image, e.g. busybox:1.36 or registry:5000/team/app@sha256:...")
    String reference;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "The platform to pull from a multi-platform image (default: this machine's).")
    String platform;

    @Override
    public Integer call() {
        try {
            ImageReference ref = ImageReference.parse(reference);
            ResolveOptions options = ResolveOptions.defaults().withPull(PullPolicy.ALWAYS)
                    .withPlatform(platform == null ? null : Platform.parse(platform));
            ImageStore store = ImageCommand.localStore();
            ResolvedImage image = new ImageResolver(RegistryClient.fromSettings(ImageCommand.settings()), store)
                    .resolve(ref, options);
            out().println(ref.familiar() + ": " + (image.source() == ResolvedImage.Source.LOCAL
                    ? "image is up to date" : "pulled"));
            out().println("Digest: " + image.manifestDigest());
            return 0;
        } catch (ImageResolveException e) {
            spec.commandLine().getErr().println("could not pull " + reference + ": " + e.reason());
            return 1;
        } catch (IOException | RuntimeException e) {
            return fail("pull " + reference, e);
        }
    }
}
