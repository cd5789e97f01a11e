package dev.shipyard.embedded.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import kafka.Kafka;
import kafka.tools.StorageTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the broker JVM started by {@link EmbeddedKafka}: formats the log directory when asked,
 * then runs the Kafka server until it is signalled or its parent goes away.
 *
 * <p>Arguments: {@code <server.properties> [<cluster-id to format with>]}.
 */
public final class BrokerMain {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerMain.class);

    private BrokerMain() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: BrokerMain <server.properties> [<cluster-id to format with>]");
            System.exit(2);
        }
        exitWhenParentGoes(System.in);
        if (args.length == 2) {
            format(args[0], args[1]);
        }
        Kafka.main(new String[] {args[0]});
    }

    private static void format(String serverProperties, String clusterId) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int status;
        try {
            status = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", serverProperties}, out);
        } catch (RuntimeException e) {
            LOG.error("could not format the Kafka log directory of {}", serverProperties, e);
            status = 1;
        }
        if (status != 0) {
            LOG.error("could not format the Kafka log directory: kafka-storage format exited with {}", status);
            System.exit(status);
        }
        LOG.info("formatted the Kafka log directory for cluster {}", clusterId);
    }

    // The parent holds our stdin open; end of input means it exited or died, so shut down cleanly
    // (System.exit runs Kafka's shutdown hook) rather than linger as an orphan holding the ports.
    private static void exitWhenParentGoes(InputStream parent) {
        Thread watcher = new Thread(() -> {
            try {
                while (parent.read() >= 0) {
                    // Nothing is ever sent; reading only detects the end of the stream.
                }
            } catch (IOException e) {
                LOG.warn("lost the pipe to the parent process, shutting down", e);
            }
            System.exit(0);
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
