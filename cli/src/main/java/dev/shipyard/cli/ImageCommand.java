package dev.shipyard.cli;

import dev.shipyard.cache.blob.local.LocalBlobStore;
import dev.shipyard.cache.blob.local.LocalConfig;
import dev.shipyard.cache.image.ImageStore;
import dev.shipyard.config.Settings;
import dev.shipyard.config.ShipyardHome;
import dev.shipyard.oci.archive.ArchiveFormat;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shipyard image ...}: the local image store under {@code SHIPYARD_HOME}. */
@Command(name = "image", description = "Manage the images kept under SHIPYARD_HOME.", mixinStandardHelpOptions = true,
        subcommands = {ImageCommand.Load.class, ImageCommand.Ls.class, ImageCommand.Save.class, ImageCommand.Rm.class})
final class ImageCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The image store of the home this process uses. */
    static ImageStore localStore() throws IOException {
        ShipyardHome home = ShipyardHome.fromEnvironment();
        Settings settings = Settings.load(java.util.Optional.empty());
        LocalBlobStore blobs = new LocalBlobStore(LocalConfig.from(settings, home.blobs()), new SimpleMeterRegistry());
        return ImageStore.open(home.images(), blobs);
    }

    /** Shared plumbing: the writers and a failure that prints "could not ...". */
    abstract static class Base implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        int fail(String action, Exception e) {
            spec.commandLine().getErr().println("could not " + action + ": " + CliErrors.reason(e));
            return 1;
        }
    }

    @Command(name = "load", description = "Load images from a docker save or OCI archive.")
    static final class Load extends Base {
        @Parameters(paramLabel = "FILE.tar", description = "A docker archive (manifest.json) or OCI layout tar.")
        Path archive;

        @Override
        public Integer call() {
            try {
                List<String> names = localStore().load(archive);
                names.forEach(n -> out().println("Loaded image: " + dev.shipyard.oci.ImageReference.parse(n).familiar()));
                if (names.isEmpty()) {
                    out().println("Loaded no named image from " + archive);
                }
                return 0;
            } catch (IOException | RuntimeException e) {
                return fail("load " + archive, e);
            }
        }
    }

    @Command(name = "ls", description = "List the images in the local store.")
    static final class Ls extends Base {
        @Override
        public Integer call() {
            try {
                List<ImageStore.ImageEntry> entries = localStore().list();
                out().printf("%-48s %-14s %-16s %s%n", "NAME", "IMAGE ID", "CREATED", "SIZE");
                for (ImageStore.ImageEntry entry : entries) {
                    out().printf("%-48s %-14s %-16s %s%n", entry.familiarName(), entry.id().shortHex(),
                            entry.created().map(Ls::age).orElse("N/A"), size(entry.size()));
                }
                return 0;
            } catch (IOException | RuntimeException e) {
                return fail("list images", e);
            }
        }

        private static String age(Instant created) {
            Duration age = Duration.between(created, Instant.now());
            if (age.toDays() > 0) {
                return age.toDays() + " days ago";
            }
            return age.toHours() > 0 ? age.toHours() + " hours ago" : Math.max(age.toMinutes(), 0) + " minutes ago";
        }

        private static String size(long bytes) {
            return bytes < 1_000_000 ? String.format(Locale.ROOT, "%.1fkB", bytes / 1000.0)
                    : String.format(Locale.ROOT, "%.1fMB", bytes / 1_000_000.0);
        }
    }

    @Command(name = "save", description = "Write images to an archive.")
    static final class Save extends Base {
        @Parameters(paramLabel = "NAME:TAG", arity = "1..*", description = "The images to write.")
        List<String> names;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.tar", description = "Where to write.")
        Path output;

        @Option(names = "--format", defaultValue = "docker", paramLabel = "docker|oci",
                description = "docker (docker load accepts it, default) or oci (an OCI image layout).")
        String format;

        @Override
        public Integer call() {
            ArchiveFormat archiveFormat;
            try {
                archiveFormat = ArchiveFormat.valueOf(format.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("could not save: unknown --format " + format + " (use docker or oci)");
                return 2;
            }
            Path tmp = output.resolveSibling(output.getFileName() + ".partial");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                localStore().save(names, out, archiveFormat);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(tmp);
                return fail("save " + String.join(" ", names), e);
            }
            try {
                Files.move(tmp, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return 0;
            } catch (IOException e) {
                return fail("write " + output, e);
            }
        }

        private void deleteQuietly(Path file) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                spec.commandLine().getErr().println("could not remove " + file + ": " + CliErrors.reason(e));
            }
        }
    }

    @Command(name = "rm", description = "Remove image names; their blobs stay until garbage collection.")
    static final class Rm extends Base {
        @Parameters(paramLabel = "NAME:TAG", arity = "1..*")
        List<String> names;

        @Override
        public Integer call() {
            int code = 0;
            try {
                ImageStore store = localStore();
                for (String name : names) {
                    if (store.remove(name)) {
                        out().println("Untagged: " + name);
                    } else {
                        spec.commandLine().getErr().println("could not remove " + name + ": no such image");
                        code = 1;
                    }
                }
                return code;
            } catch (IOException | RuntimeException e) {
                return fail("remove images", e);
            }
        }
    }
}
