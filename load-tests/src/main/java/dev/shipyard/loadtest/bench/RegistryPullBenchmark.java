package dev.shipyard.loadtest.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.ImageReference;
import dev.shipyard.oci.MediaTypes;
import dev.shipyard.oci.Platform;
import dev.shipyard.registry.ImagePuller;
import dev.shipyard.registry.ImagePusher;
import dev.shipyard.registry.PulledImage;
import dev.shipyard.registry.RegistryClient;
import dev.shipyard.registry.RegistryConfig;
import dev.shipyard.registry.auth.CredentialsProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pull of a 3-layer image (~300 MB, incompressible) from a local docker-registry into an empty store, next to
 * {@code skopeo copy docker://... oci:DIR} of the same image. Starts its own registry on 127.0.0.1.
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -B -ntp -pl load-tests -am compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "load-tests/target/classes:$(cat load-tests/target/cp.txt)" \
 *     dev.shipyard.loadtest.bench.RegistryPullBenchmark [layerMiB, default 100] [runs, default 3]
 * </pre>
 * Needs {@code /usr/bin/docker-registry} and {@code skopeo} (scripts/install-deps.sh). Both pulls write every
 * blob to disk; Shipyard's store hashes each blob while writing it.
 */
public final class RegistryPullBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryPullBenchmark.class);

    private RegistryPullBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int layerMiB = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createTempDirectory("shipyard-pull-bench");
        Process registry = null;
        try {
            int port = freePort();
            registry = startRegistry(work, port);
            String host = "127.0.0.1:" + port;
            DirectoryBlobStore source = new DirectoryBlobStore(work.resolve("source"));
            long t0 = System.nanoTime();
            byte[] manifest = buildImage(source, layerMiB);
            long built = System.nanoTime();
            RegistryClient client = new RegistryClient(RegistryConfig.defaults(), CredentialsProvider.anonymous());
            ImageReference ref = ImageReference.parse(host + "/bench/big:latest");
            new ImagePusher(client).push(ref, manifest, MediaTypes.OCI_MANIFEST, source, List.of());
            long pushed = System.nanoTime();
            report("build image (3 x " + layerMiB + " MiB)", built - t0, 3L * layerMiB);
            report("shipyard push", pushed - built, 3L * layerMiB);
            for (int i = 1; i <= runs; i++) {
                DirectoryBlobStore target = new DirectoryBlobStore(work.resolve("pull-" + i));
                long start = System.nanoTime();
                PulledImage image = new ImagePuller(client).pull(ref, target);
                report("shipyard pull run " + i + " (" + image.manifestDigest().shortHex() + ")", System.nanoTime() - start, 3L * layerMiB);
                delete(work.resolve("pull-" + i));
                start = System.nanoTime();
                run(List.of("skopeo", "copy", "--quiet", "--src-tls-verify=false", "docker://" + ref,
                        "oci:" + work.resolve("skopeo-" + i) + ":latest"));
                report("skopeo copy run " + i, System.nanoTime() - start, 3L * layerMiB);
                delete(work.resolve("skopeo-" + i));
            }
        } finally {
            if (registry != null) {
                registry.destroy();
                registry.waitFor();
            }
            delete(work);
        }
    }

    private static void report(String what, long nanos, long mib) {
        double seconds = nanos / 1e9;
        System.out.printf("%-40s %8.2f s %8.1f MiB/s%n", what, seconds, mib / seconds);
    }

    /** Three layers of incompressible bytes, stored as uncompressed OCI layers, plus config and manifest. */
    private static byte[] buildImage(DirectoryBlobStore store, int layerMiB) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Descriptor> layers = new ArrayList<>();
        ObjectNode config = json.createObjectNode();
        config.put("architecture", Platform.current().architecture());
        config.put("os", "linux");
        ArrayNode diffIds = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        for (int i = 0; i < 3; i++) {
            Path file = Files.createTempFile("layer", ".bin");
            Digest digest = writeRandom(file, (long) layerMiB << 20, 42 + i);
            try (InputStream in = Files.newInputStream(file)) {
                store.put(digest, in, Files.size(file));
            }
            layers.add(new Descriptor(MediaTypes.OCI_LAYER, digest, Files.size(file)));
            diffIds.add(digest.toString());
            Files.delete(file);
        }
        byte[] configBytes = json.writeValueAsBytes(config);
        Digest configDigest = Digest.sha256(configBytes);
        store.put(configDigest, new ByteArrayInputStream(configBytes), configBytes.length);
        ObjectNode manifest = json.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.set("config", json.valueToTree(new Descriptor(MediaTypes.OCI_CONFIG, configDigest, configBytes.length)));
        ArrayNode array = manifest.putArray("layers");
        layers.forEach(l -> array.add(json.valueToTree(l)));
        return json.writeValueAsBytes(manifest);
    }

    private static Digest writeRandom(Path file, long size, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        var sha = Digest.newSha256();
        byte[] buffer = new byte[1 << 20];
        try (var out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += buffer.length) {
                for (int i = 0; i < buffer.length; i += 8) {
                    long v = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        buffer[i + b] = (byte) (v >>> (8 * b));
                    }
                }
                sha.update(buffer);
                out.write(buffer);
            }
        }
        return Digest.ofHash(sha.digest());
    }

    private static Process startRegistry(Path work, int port) throws IOException, InterruptedException {
        Path config = work.resolve("config.yml");
        Files.writeString(config, "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: "
                + work.resolve("registry") + "\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
        Process p = new ProcessBuilder("/usr/bin/docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("registry.log").toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return p;
                }
            } catch (IOException e) {
                LOG.debug("registry not up yet: {}", e.getMessage());
            }
            Thread.sleep(100);
        }
        p.destroy();
        throw new IOException("could not start docker-registry on port " + port + ": see " + work.resolve("registry.log"));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit code " + p.exitValue());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
