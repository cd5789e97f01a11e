package dev.shipyard.registry;

import dev.shipyard.cache.fakes.InMemoryBlobStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.ImageReference;
import dev.shipyard.oci.MediaTypes;
import dev.shipyard.registry.auth.CredentialsProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A server that announces the full Content-Length, sends part of the blob, then drops or stalls the connection. */
class DroppedConnectionTest {

    @Test
    void fetchBlob_connectionDroppedShortOfContentLength_resumesWithRange() throws Exception {
        fetchesWholeBlobAfterFault(false);
    }

    @Test
    void fetchBlob_serverStallsMidBlob_givesUpOnTheConnectionAndResumes() throws Exception {
        fetchesWholeBlobAfterFault(true);
    }

    private void fetchesWholeBlobAfterFault(boolean stall) throws Exception {
        byte[] blob = new byte[500_000];
        new Random(7).nextBytes(blob);
        List<String> ranges = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> serve(server, blob, ranges, stall), "dropping-server");
            serving.setDaemon(true);
            serving.start();
            RegistryClient client = new RegistryClient(RegistryConfig.defaults().withIdleTimeout(java.time.Duration.ofMillis(500)),
                    CredentialsProvider.anonymous());
            InMemoryBlobStore store = new InMemoryBlobStore();
            Descriptor d = new Descriptor(MediaTypes.OCI_LAYER, Digest.sha256(blob), blob.length);

            client.fetchBlob(ImageReference.parse("127.0.0.1:" + server.getLocalPort() + "/app"), d, store);

            assertThat(store.bytes(d.digest())).isEqualTo(blob);
            assertThat(ranges).hasSize(2);
            assertThat(ranges.get(0)).isEmpty();
            assertThat(ranges.get(1)).startsWith("bytes=").endsWith("-").isNotEqualTo("bytes=0-");
        }
    }

    private static void serve(ServerSocket server, byte[] blob, List<String> ranges, boolean stall) {
        try {
            for (int i = 0; i < 2; i++) {
                try (Socket s = server.accept()) {
                    String range = readRange(s);
                    ranges.add(range);
                    OutputStream out = s.getOutputStream();
                    if (range.isEmpty()) {
                        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + blob.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(blob, 0, 123_456);
                        out.flush();
                        if (stall) {
                            // hold the connection open, sending nothing, until the client gives up on it
                            s.getInputStream().read();
                        }
                    } else {
                        int from = Integer.parseInt(range.substring(6, range.length() - 1));
                        out.write(("HTTP/1.1 206 Partial Content\r\nContent-Length: " + (blob.length - from) + "\r\nContent-Range: bytes "
                                + from + "-" + (blob.length - 1) + "/" + blob.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(blob, from, blob.length - from);
                    }
                    out.flush();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("dropping server failed", e);
        }
    }

    private static String readRange(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        String range = "";
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase().startsWith("range:")) {
                range = line.substring(6).trim();
            }
        }
        return range;
    }
}
