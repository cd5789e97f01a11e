package dev.shipyard.cache.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3 endpoint in this JVM: S3Proxy over jclouds' filesystem backend, on loopback, with fixed credentials.
 * Needs {@code org.gaul:s3proxy} on the class path (an optional dependency of the layer cache).
 */
public final class EmbeddedS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "shipyard";
    public static final String SECRET_KEY = "shipyard-secret";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3.class);

    private final Path baseDir;
    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final int port;

    private EmbeddedS3(Path baseDir, S3Proxy proxy, BlobStoreContext context, int port) {
        this.baseDir = baseDir;
        this.proxy = proxy;
        this.context = context;
        this.port = port;
    }

    /** Starts on a free loopback port, keeping buckets as directories under {@code baseDir}. */
    public static EmbeddedS3 start(Path baseDir) throws IOException {
        return start(baseDir, 0);
    }

    /** Starts on {@code port} (0 for a free one), as when restarting on the port of an earlier instance. */
    public static EmbeddedS3 start(Path baseDir, int port) throws IOException {
        Files.createDirectories(baseDir);
        int chosen = port == 0 ? freePort() : port;
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", baseDir.toAbsolutePath().toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem")
                .credentials(ACCESS_KEY, SECRET_KEY)
                .overrides(props)
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + chosen))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
            awaitStarted(proxy);
        } catch (Exception e) {
            context.close();
            throw new IOException("could not start the embedded S3 endpoint on 127.0.0.1:" + chosen + ": " + e, e);
        }
        log.info("embedded S3 listening on http://127.0.0.1:{}, data in {}", chosen, baseDir);
        return new EmbeddedS3(baseDir, proxy, context, chosen);
    }

    private static void awaitStarted(S3Proxy proxy) throws Exception {
        long giveUpAt = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > giveUpAt) {
                throw new IOException("still " + proxy.getState() + " after 10s");
            }
            Thread.onSpinWait();
            Thread.sleep(10);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public Path baseDir() {
        return baseDir;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    @Override
    public void close() throws IOException {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IOException("could not stop the embedded S3 endpoint on port " + port + ": " + e, e);
        } finally {
            context.close();
        }
    }
}
