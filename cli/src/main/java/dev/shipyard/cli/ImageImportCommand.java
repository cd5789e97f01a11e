package dev.shipyard.cli;

import dev.shipyard.config.ShipyardHome;
import dev.shipyard.oci.ImageReference;
import dev.shipyard.oci.Platform;
import dev.shipyard.oci.archive.ArchiveImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shipyard image import ROOTFS.tar NAME:TAG}: a base image from a root filesystem tar, as {@code docker import}. */
@Command(name = "import", description = "Make a one-layer base image from a root filesystem tar.",
        mixinStandardHelpOptions = true)
final class ImageImportCommand extends ImageCommand.Base {
    @Parameters(index = "0", paramLabel = "ROOTFS.tar", description = "A tar of the root filesystem (plain, gzip or zstd).")
    Path tar;

    @Parameters(index = "1", paramLabel = "NAME:TAG", description = "The name to keep the image by.")
    String name;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "The platform the files are for (default: this machine's).")
    String platform;

    @Option(names = "--source-date-epoch", paramLabel = "SECONDS", defaultValue = "${env:SOURCE_DATE_EPOCH}",
            description = "The image's creation time, for reproducible images (default: $SOURCE_DATE_EPOCH, else now).")
    Long sourceDateEpoch;

    @Override
    public Integer call() {
        try {
            ImageReference ref = ImageReference.parse(name);
            Instant created = sourceDateEpoch == null ? Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    : Instant.ofEpochSecond(sourceDateEpoch);
            ArchiveImage image = RootfsImport.importTar(ImageCommand.localStore(), tar, ref.toString(),
                    platform == null ? Platform.current() : Platform.parse(platform), created,
                    ShipyardHome.fromEnvironment().tmp());
            out().println("Imported " + ref.familiar() + " (" + image.layers().get(0).size() + " bytes compressed)");
            out().println("Digest: " + image.manifest().digest());
            return 0;
        } catch (IOException | RuntimeException e) {
            return fail("import " + tar, e);
        }
    }
}
