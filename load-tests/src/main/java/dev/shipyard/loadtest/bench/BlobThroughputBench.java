package dev.shipyard.loadtest.bench;

import dev.shipyard.cache.blob.DigestingInputStream;
import dev.shipyard.cache.blob.s3.S3BlobStore;
import dev.shipyard.cache.blob.s3.S3Config;
import dev.shipyard.cache.embedded.EmbeddedS3;
import dev.shipyard.oci.Digest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upload and download throughput of one large blob through {@link S3BlobStore} to an {@link EmbeddedS3}, next to
 * a plain {@code curl} PUT and GET (AWS SigV4) of the same file to the same endpoint.
 *
 * <p>Run from the repository root (arguments: size in MiB, default 500; working directory, default a new temp dir;
 * needs {@code curl} 7.75 or later on the PATH):
 * <pre>
 * mvn -B -q -pl load-tests -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
 * java -Xmx512m -cp "load-tests/target/classes:$(cat load-tests/target/classpath.txt)" \
 *     dev.shipyard.loadtest.bench.BlobThroughputBench 500 /tmp/blob-bench
 * </pre>
 */
public final class BlobThroughputBench {
    private static final Logger log = LoggerFactory.getLogger(BlobThroughputBench.class);
    private static final int MIB = 1 << 20;

    private BlobThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        int sizeMib = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path work = args.length > 1 ? Files.createDirectories(Path.of(args[1])) : Files.createTempDirectory("blob-bench");
        Path file = work.resolve("blob.bin");
        Digest digest = writeRandomFile(file, (long) sizeMib * MIB);
        try (EmbeddedS3 s3 = EmbeddedS3.start(work.resolve("s3"));
             S3BlobStore store = S3BlobStore.connect(S3Config.local(s3.endpoint()), new SimpleMeterRegistry())) {
            List<String> rows = List.of(
                    row("S3BlobStore put (hash + multipart + verify + copy)", sizeMib, time(() -> upload(store, digest, file))),
                    row("S3BlobStore open + read (verifying)", sizeMib, time(() -> download(store, digest))),
                    row("curl PUT (sigv4, unsigned payload)", sizeMib, time(() -> curl(s3, "-T", file.toString()))),
                    row("curl GET", sizeMib, time(() -> curl(s3, "-o", "/dev/null"))));
            System.out.println("blob throughput, " + sizeMib + " MiB, endpoint " + s3.endpoint() + ":");
            rows.forEach(System.out::println);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A unit of measured work. */
    private interface Work {
        void run() throws Exception;
    }

    private static long time(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    private static String row(String what, int sizeMib, long nanos) {
        double seconds = nanos / 1e9;
        return String.format("  %-52s %7.2f s %8.1f MiB/s", what, seconds, sizeMib / seconds);
    }

    private static Digest writeRandomFile(Path file, long size) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        byte[] chunk = new byte[MIB];
        var sha = Digest.newSha256();
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += chunk.length) {
                for (int i = 0; i < chunk.length; i += 8) {
                    long v = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        chunk[i + b] = (byte) (v >>> (8 * b));
                    }
                }
                sha.update(chunk);
                out.write(chunk);
            }
        }
        return Digest.ofHash(sha.digest());
    }

    private static void upload(S3BlobStore store, Digest digest, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            store.put(digest, in, Files.size(file));
        }
    }

    private static void download(S3BlobStore store, Digest digest) throws IOException {
        try (InputStream in = new DigestingInputStream(store.open(digest))) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void curl(EmbeddedS3 s3, String... transfer) throws IOException, InterruptedException {
        String url = s3.endpoint() + "/" + S3Config.DEFAULT_BUCKET + "/bench/curl-blob";
        ProcessBuilder builder = new ProcessBuilder("curl", "-sS", "--fail-with-body",
                "--aws-sigv4", "aws:amz:" + S3Config.DEFAULT_REGION + ":s3",
                "--user", s3.accessKey() + ":" + s3.secretKey(),
                "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD",
                transfer[0], transfer[1], url);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("could not run curl " + transfer[0] + " " + url + ": exit " + process.exitValue()
                    + ": " + output);
        }
        log.debug("curl {}: {}", transfer[0], output);
    }
}
