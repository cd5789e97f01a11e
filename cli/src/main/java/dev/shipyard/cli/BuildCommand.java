package dev.shipyard.cli;

import dev.shipyard.cache.blob.local.LocalBlobStore;
import dev.shipyard.cache.blob.local.LocalConfig;
import dev.shipyard.cache.image.ImageStore;
import dev.shipyard.oci.ImageReference;
import dev.shipyard.registry.ImagePusher;
import dev.shipyard.registry.ImageResolver;
import dev.shipyard.registry.PushResult;
import dev.shipyard.registry.RegistryClient;
import dev.shipyard.registry.ResolveOptions;
import dev.shipyard.worker.engine.BaseImages;
import dev.shipyard.config.Settings;
import dev.shipyard.config.ShipyardHome;
import dev.shipyard.dockerfile.DockerfileException;
import dev.shipyard.dockerfile.instructions.Dockerfile;
import dev.shipyard.graph.BuildGraph;
import dev.shipyard.graph.BuildOptions;
import dev.shipyard.oci.archive.ArchiveImage;
import dev.shipyard.oci.archive.ImageArchiveWriter;
import dev.shipyard.worker.copy.CopyException;
import dev.shipyard.worker.engine.BuildFailedException;
import dev.shipyard.worker.engine.BuildProgress;
import dev.shipyard.worker.engine.EngineOptions;
import dev.shipyard.worker.engine.LocalEngine;
import dev.shipyard.worker.engine.PlainProgress;
import dev.shipyard.worker.engine.StageResult;
import dev.shipyard.worker.engine.TtyProgress;
import dev.shipyard.worker.layer.Compression;
import dev.shipyard.worker.layer.LayerOptions;
import dev.shipyard.worker.layer.LayerUnpacker;
import dev.shipyard.worker.sandbox.ResourceLimits;
import dev.shipyard.worker.sandbox.SandboxRuntimes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shipyard build}: builds an image from a Dockerfile, in this process with {@code --local}. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build an image from a Dockerfile. With --local the steps run in this process (as root: "
                + "namespaces and OverlayFS); without it the build goes to a farm.")
final class BuildCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--local", description = "Run the build in this process instead of on a farm.")
    boolean local;

    @Option(names = {"-t", "--tag"}, paramLabel = "NAME:TAG", description = "Name the image in the local store (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-f", "--file"}, paramLabel = "Dockerfile", description = "Name of the Dockerfile (default: CONTEXT/Dockerfile).")
    Path dockerfile;

    @Mixin
    BuildArgsOption buildArgs = new BuildArgsOption();

    @Option(names = "--target", paramLabel = "STAGE", description = "Build this stage and what it needs.")
    String target;

    @Option(names = "--push", description = "Push the image to the registry of each -t name once it is built.")
    boolean push;

    @Option(names = "--no-cache", description = "Run every step even when the cache has its result.")
    boolean noCache;

    @Option(names = {"-o", "--output"}, paramLabel = "type=oci|docker|local,dest=PATH",
            description = "Also write the result: an OCI or Docker archive, or the root filesystem (repeatable).")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--progress", paramLabel = "plain|tty|auto", defaultValue = "auto",
            description = "Progress output: plain lines, a view redrawn in place (tty), or tty when standard error "
                    + "is a terminal (auto).")
    String progress;

    @Option(names = "--compression", paramLabel = "gzip|zstd", defaultValue = "gzip", description = "Layer compression.")
    String compression;

    @Option(names = "--memory", paramLabel = "BYTES", description = "Memory limit of each RUN (e.g. 512m, 2g).")
    String memory;

    @Option(names = "--pids-limit", paramLabel = "N", description = "Process limit of each RUN.")
    long pidsLimit;

    @Option(names = "--step-timeout", paramLabel = "SECONDS", description = "Fail a RUN that takes longer.")
    long stepTimeoutSeconds;

    @Parameters(index = "0", paramLabel = "CONTEXT",
            description = "The build context: a directory, a tar file, or - for a tar on standard input.")
    String context;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (!local) {
            err.println("could not build: the farm mode is not available yet; run the build in this process with --local");
            return 2;
        }
        if (push && tags.isEmpty()) {
            err.println("could not build: --push needs at least one -t NAME:TAG naming where to push");
            return 2;
        }
        List<OutputSpec> outputSpecs;
        EngineOptions options;
        BuildProgress view;
        try {
            outputSpecs = outputs.stream().map(OutputSpec::parse).toList();
            options = engineOptions();
            view = progress(err);
        } catch (IllegalArgumentException e) {
            err.println("could not build: " + e.getMessage());
            return 2;
        }
        long started = System.nanoTime();
        ShipyardHome home = ShipyardHome.fromEnvironment();
        Path copyDir = Files.createDirectories(home.tmp()).resolve("context-" + java.util.UUID.randomUUID());
        try {
            BuildContexts.Prepared prepared;
            try {
                prepared = BuildContexts.prepareOrReadInPlace(context, dockerfile, copyDir, home.tmp());
            } catch (IOException | CopyException | DockerfileException e) {
                err.println("could not read the build context: " + CliErrors.reason(e));
                return 1;
            }
            Path dockerfilePath = prepared.dockerfile();
            Path contextDir = prepared.dir();
            BuildGraph graph;
            try {
                Dockerfile parsed = Dockerfile.parse(dockerfile != null ? dockerfile.toString() : "Dockerfile",
                        Files.readAllBytes(dockerfilePath));
                graph = BuildGraph.plan(parsed, BuildOptions.defaults().withBuildArgs(buildArgs.values())
                        .withTarget(target));
            } catch (IOException e) {
                err.println("could not read Dockerfile " + dockerfilePath + ": " + CliErrors.reason(e));
                return 1;
            } catch (DockerfileException e) {
                err.println(e.getMessage());
                return 1;
            }
            return build(home, graph, contextDir, options, outputSpecs, err, view, started);
        } finally {
            // only the copy: a context read in place is the user's directory
            LayerUnpacker.deleteTree(copyDir);
        }
    }

    /** FROM images: the local store first, as Docker does, then the registry the reference names. */
    private static BaseImages baseImages(Settings settings, ImageStore images) {
        ImageResolver registry = new ImageResolver(() -> RegistryClient.fromSettings(settings), images);
        return (reference, platform) -> {
            ImageReference parsed;
            try {
                parsed = ImageReference.parse(reference);
            } catch (IllegalArgumentException e) {
                throw new IOException("could not resolve FROM " + reference + ": " + e.getMessage(), e);
            }
            return Optional.of(registry.resolve(parsed, ResolveOptions.defaults().withPlatform(platform)).image());
        };
    }

    private int build(ShipyardHome home, BuildGraph graph, Path contextDir, EngineOptions options,
                      List<OutputSpec> outputSpecs, PrintWriter err, BuildProgress view, long started)
            throws IOException {
        Settings settings = Settings.load(Optional.empty());
        LocalBlobStore blobs = new LocalBlobStore(LocalConfig.from(settings, home.blobs()), new SimpleMeterRegistry());
        ImageStore images = ImageStore.open(home.images(), blobs);
        LocalEngine engine = LocalEngine.open(home, blobs, baseImages(settings, images),
                SandboxRuntimes.fromSettings(settings));
        StageResult result;
        try {
            result = engine.build(graph, contextDir, options, view);
        } catch (BuildFailedException e) {
            err.println("ERROR: " + e.getMessage());
            err.flush();
            return 1;
        }
        Instant created = options.layers().sourceDateEpoch() != null ? options.layers().sourceDateEpoch() : Instant.now();
        ArchiveImage image = LocalEngine.image(result, tags, created);
        if (!tags.isEmpty()) {
            image = images.put(image);
            for (String name : image.names()) {
                err.println("naming to " + name + " done");
            }
        }
        err.println("writing image " + image.config().digest() + " done");
        for (OutputSpec output : outputSpecs) {
            try {
                write(output, image, result, engine, blobs, options.layers().sourceDateEpoch());
            } catch (IOException e) {
                err.println("could not write output " + output.dest() + ": " + CliErrors.reason(e));
                return 1;
            }
            err.println("exported " + output.type() + " to " + output.dest());
        }
        if (push && !pushTags(settings, images, image.names(), err)) {
            return 1;
        }
        err.printf(Locale.ROOT, "build finished in %.3fs%n", (System.nanoTime() - started) / 1e9);
        err.flush();
        return 0;
    }

    /** Pushes the built image under each of its names to that name's registry. */
    private static boolean pushTags(Settings settings, ImageStore images, List<String> names, PrintWriter err) {
        ImagePusher pusher = new ImagePusher(RegistryClient.fromSettings(settings));
        for (String name : names) {
            try {
                PushResult result = pusher.pushStored(images, name, ImageReference.parse(name));
                err.println("pushed " + ImageReference.parse(name).familiar() + " " + result.manifestDigest());
            } catch (IOException | RuntimeException e) {
                err.println("ERROR: could not push " + name + ": " + CliErrors.reason(e));
                err.flush();
                return false;
            }
        }
        return true;
    }

    private static void write(OutputSpec output, ArchiveImage image, StageResult result, LocalEngine engine,
                              LocalBlobStore blobs, Instant sourceDateEpoch) throws IOException {
        if (output.type().equals("local")) {
            engine.exportRootfs(result, output.dest(), sourceDateEpoch);
            return;
        }
        Path dest = output.dest().toAbsolutePath();
        Files.createDirectories(dest.getParent());
        Path temp = dest.resolveSibling("." + dest.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            ImageArchiveWriter.write(out, output.format(), List.of(image), blobs::open);
        }
        Files.move(temp, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private BuildProgress progress(PrintWriter err) {
        switch (progress.toLowerCase(Locale.ROOT)) {
            case "plain":
                return new PlainProgress(err);
            case "tty":
                return new TtyProgress(err, Terminals.width());
            case "auto":
                return Terminals.stderrIsTerminal() ? new TtyProgress(err, Terminals.width()) : new PlainProgress(err);
            default:
                throw new IllegalArgumentException("--progress must be plain, tty or auto, not " + progress);
        }
    }

    private EngineOptions engineOptions() {
        Map<String, String> args = buildArgs.values();
        String epochText = args.getOrDefault("SOURCE_DATE_EPOCH", System.getenv("SOURCE_DATE_EPOCH"));
        Compression packing = switch (compression.toLowerCase(Locale.ROOT)) {
            case "gzip" -> Compression.GZIP;
            case "zstd" -> Compression.ZSTD;
            default -> throw new IllegalArgumentException("--compression must be gzip or zstd, not " + compression);
        };
        LayerOptions layers = LayerOptions.defaults().withCompression(packing)
                .withSourceDateEpoch(LayerOptions.parseSourceDateEpoch(epochText));
        ResourceLimits limits = new ResourceLimits(memory == null ? 0 : Sizes.parse(memory), pidsLimit, 0);
        return EngineOptions.defaults().withNoCache(noCache).withLayers(layers).withLimits(limits)
                .withStepTimeout(Duration.ofSeconds(stepTimeoutSeconds));
    }
}
