package dev.shipyard.coordinator.build;

import dev.shipyard.cache.blob.BlobStore;
import dev.shipyard.coordinator.state.BuildEvent;
import dev.shipyard.coordinator.state.BuildPage;
import dev.shipyard.coordinator.state.BuildRecord;
import dev.shipyard.coordinator.state.BuildRequest;
import dev.shipyard.coordinator.state.BuildState;
import dev.shipyard.coordinator.state.BuildStore;
import dev.shipyard.coordinator.state.StepRecord;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.ImageConfig;
import dev.shipyard.oci.JsonBlob;
import dev.shipyard.oci.Manifest;
import dev.shipyard.oci.archive.ArchiveFormat;
import dev.shipyard.oci.archive.ArchiveImage;
import dev.shipyard.oci.archive.ImageArchiveWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Build bookkeeping behind the HTTP API: admits builds, answers for them, cancels them and exports their images.
 * Every method blocks on Hazelcast or the blob store: call them off the event loop.
 */
public final class BuildService {
    private static final Logger log = LoggerFactory.getLogger(BuildService.class);

    private final BuildStore store;
    private final BlobStore blobs;
    private final BuildRunner runner;
    private final Clock clock;
    private final BuildIds ids;

    public BuildService(BuildStore store, BlobStore blobs, BuildRunner runner, Clock clock) {
        this.store = store;
        this.blobs = blobs;
        this.runner = runner;
        this.clock = clock;
        this.ids = new BuildIds(clock);
    }

    /**
     * Admits a build: checks the context and the Dockerfile ({@code inlineDockerfile}, or the request's path in
     * the context), stores the context blob, records the build as queued and hands it to the runner.
     */
    public BuildRecord submit(ReceivedContext context, BuildRequest request, byte[] inlineDockerfile)
            throws IOException {
        boolean inline = inlineDockerfile != null;
        long start = System.nanoTime();
        ContextCheck.Inspected inspected = ContextCheck.inspect(context.file(), inline ? null : request.dockerfile());
        byte[] dockerfile = inline ? inlineDockerfile : inspected.dockerfile().orElseThrow(() -> new BuildException(
                BuildException.Kind.INVALID, "could not read the Dockerfile: " + request.dockerfile()
                        + " is not a file in the context", Map.of("file", request.dockerfile())));
        List<StepRecord> steps = BuildPlanning.plan(inline ? "Dockerfile" : request.dockerfile(), dockerfile, request);
        long checked = System.nanoTime();
        storeContext(context, inspected.digest());
        long stored = System.nanoTime();
        BuildRecord build = BuildRecord.queued(ids.next(), request, inspected.digest().toString(), steps,
                clock.millis());
        if (!store.create(build)) {
            throw new IllegalStateException("could not record build " + build.id() + ": the id is already taken");
        }
        log.info("accepted build {}: {} steps, context {} ({} bytes, checked in {} ms, stored in {} ms)", build.id(),
                steps.size(), inspected.digest(), context.size(), (checked - start) / 1_000_000,
                (stored - checked) / 1_000_000);
        runner.start(build, event -> store.record(event).isPresent());
        return build;
    }

    public BuildRecord get(String id) {
        return store.get(id).orElseThrow(() -> BuildException.notFound(id));
    }

    /** Cancels a build that has not finished, and tells the runner. */
    public BuildRecord cancel(String id) {
        BuildRecord current = get(id);
        Optional<BuildRecord> cancelled = store.record(
                new BuildEvent.StateChanged(id, BuildState.CANCELLED, "cancelled by request", null, clock.millis()));
        if (cancelled.isEmpty()) {
            BuildRecord now = store.get(id).orElse(current);
            throw new BuildException(BuildException.Kind.CONFLICT, "could not cancel build " + id + ": it is already "
                    + now.state().wireName(), Map.of("id", id, "state", now.state().wireName()));
        }
        runner.cancel(id);
        return cancelled.get();
    }

    /** Reads the events of a build from sequence {@code from}, waiting until there is at least one. */
    public java.util.concurrent.CompletionStage<dev.shipyard.coordinator.state.EventBatch> readEventsAsync(
            String id, long from, int max) {
        return store.readEventsAsync(id, from, max);
    }

    public BuildPage list(String after, int limit) {
        return store.list(after, limit);
    }

    public Map<BuildState, Long> countByState() {
        return store.countByState();
    }

    /** Writes the image a finished build produced as an archive in {@code format}. */
    public void exportImage(BuildRecord build, ArchiveFormat format, OutputStream out) throws IOException {
        JsonBlob<Manifest> manifest = JsonBlob.parse(readBlob(Digest.parse(build.imageDigest())), Manifest.class);
        JsonBlob<ImageConfig> config = JsonBlob.parse(readBlob(manifest.value().config().digest()), ImageConfig.class);
        ArchiveImage image = new ArchiveImage(build.request().tags(), manifest, config);
        ImageArchiveWriter.write(out, format, List.of(image), blobs::open);
    }

    /** The build, when its image can be exported; a conflict before it is done. */
    public BuildRecord finishedWithImage(String id) {
        BuildRecord build = get(id);
        if (build.state() != BuildState.DONE || build.imageDigest() == null) {
            throw new BuildException(BuildException.Kind.CONFLICT, "could not export the image of build " + id
                    + ": the build is " + build.state().wireName() + ", not done",
                    Map.of("id", id, "state", build.state().wireName()));
        }
        return build;
    }

    /** Fails unless both Hazelcast and the blob store answer. */
    public void checkReady() throws IOException {
        store.ping();
        blobs.has(Digest.sha256(new byte[0]));
    }

    private void storeContext(ReceivedContext context, Digest digest) throws IOException {
        if (blobs.has(digest)) {
            return;
        }
        try (InputStream in = Files.newInputStream(context.file())) {
            blobs.put(digest, in, context.size());
        }
    }

    private byte[] readBlob(Digest digest) throws IOException {
        try (InputStream in = blobs.open(digest)) {
            return in.readAllBytes();
        }
    }
}
