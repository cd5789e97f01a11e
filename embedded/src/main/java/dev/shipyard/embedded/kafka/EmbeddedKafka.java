package dev.shipyard.embedded.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) on 127.0.0.1, for the
 * all-in-one farm and for integration tests.
 *
 * <p>The broker runs in a child JVM ({@link BrokerMain}) on this JVM's classpath rather than in-process:
 * Kafka's server brings Scala, its own thread pools, JMX beans and static state that would share a heap
 * and a classpath with the farm; a child process keeps all of that apart, gives the broker its own
 * logging configuration, and can be killed for real ({@link #kill()}) to test crash recovery. The cost
 * is one JVM start, about a second on two cores.
 *
 * <p>All state lives in the data directory: the cluster id ({@code cluster.id}), the Kafka log dir
 * (formatted once, never again), the generated {@code server.properties} and the broker's logs. Starting
 * again on the same directory recovers the topics, records and committed offsets.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration PORT_POLL_INTERVAL = Duration.ofMillis(100);
    private static final int FAILURE_ERROR_LINES = 15;
    private static final int FAILURE_TAIL_LINES = 20;
    private static final String LOGBACK_RESOURCE = "dev/shipyard/embedded/kafka/broker-logback.xml";

    private final BrokerDirectory directory;
    private final BrokerConfig config;
    private final String clusterId;
    private final Process process;
    private final Duration startupTime;

    private EmbeddedKafka(BrokerDirectory directory, BrokerConfig config, String clusterId, Process process,
            Duration startupTime) {
        this.directory = directory;
        this.config = config;
        this.clusterId = clusterId;
        this.process = process;
        this.startupTime = startupTime;
    }

    /**
     * Starts a broker on {@code dataDir} listening on 127.0.0.1:{@code port}; 0 picks a free port, a new
     * one on every start. Blocks until the broker answers an admin request.
     *
     * @throws EmbeddedKafkaException if it does not start within 90 s, with the broker's errors and log tail
     */
    public static EmbeddedKafka start(Path dataDir, int port) {
        return start(dataDir, port, DEFAULT_START_TIMEOUT);
    }

    /** As {@link #start(Path, int)}, failing if the broker does not answer within {@code timeout}. */
    public static EmbeddedKafka start(Path dataDir, int port, Duration timeout) {
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or in 1..65535, was " + port);
        }
        long started = System.nanoTime();
        BrokerDirectory directory = new BrokerDirectory(dataDir);
        try {
            Files.createDirectories(directory.root());
            String clusterId = directory.clusterId();
            int brokerPort = port == 0 ? freePort(-1) : port;
            BrokerConfig config = new BrokerConfig(brokerPort, freePort(brokerPort), directory.kafkaLogDir());
            writeServerProperties(directory, config);
            long logOffset = Files.exists(directory.brokerLog()) ? Files.size(directory.brokerLog()) : 0;
            Process process = launch(directory, clusterId);
            awaitReady(directory, config, process, timeout, logOffset);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            LOG.info("Kafka broker of cluster {} ready on {} after {} ms (data in {})", clusterId,
                    config.bootstrapServers(), elapsed.toMillis(), directory.root());
            return new EmbeddedKafka(directory, config, clusterId, process, elapsed);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("could not start Kafka broker in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:39211}. */
    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    public int port() {
        return config.port();
    }

    /** The Kafka cluster id, kept in the data directory across restarts. */
    public String clusterId() {
        return clusterId;
    }

    public Path dataDir() {
        return directory.root();
    }

    /** The broker's log file; the broker writes nothing to this process's console. */
    public Path logFile() {
        return directory.brokerLog();
    }

    /** Time from {@link #start} until the broker answered {@code describeCluster}. */
    public Duration startupTime() {
        return startupTime;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The last lines of the broker JVM's console output, then of its log: up to {@code lines} of each. */
    public List<String> logTail(int lines) {
        return tail(directory, lines);
    }

    /** Stops the broker gracefully (SIGTERM: controlled shutdown, logs flushed) and waits for it. */
    public synchronized void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitForExit(STOP_TIMEOUT)) {
            LOG.warn("Kafka broker on {} did not stop within {} s; killing it", bootstrapServers(),
                    STOP_TIMEOUT.toSeconds());
            kill();
            return;
        }
        LOG.info("Kafka broker on {} stopped", bootstrapServers());
    }

    /** Kills the broker abruptly (SIGKILL), as a crash would; the data directory stays usable. */
    public synchronized void kill() {
        process.destroyForcibly();
        if (!waitForExit(STOP_TIMEOUT)) {
            throw new EmbeddedKafkaException("could not kill Kafka broker process " + process.pid()
                    + ": it is still running after " + STOP_TIMEOUT.toSeconds() + " s");
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers() + ", " + directory.root() + "]";
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("interrupted while waiting for the Kafka broker to exit", e);
        }
    }

    private static void writeServerProperties(BrokerDirectory directory, BrokerConfig config) throws IOException {
        try (Writer out = Files.newBufferedWriter(directory.serverProperties(), StandardCharsets.UTF_8)) {
            out.write("# Written by Shipyard on every start of the embedded broker; edits are lost.\n");
            for (Map.Entry<String, String> setting : config.settings().entrySet()) {
                out.write(setting.getKey() + "=" + setting.getValue().replace("\\", "\\\\") + "\n");
            }
        }
    }

    private static Process launch(BrokerDirectory directory, String clusterId) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Small heap and serial GC: a lone broker for a farm on a small machine, not a throughput test.
                "-Xms32m", "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=" + LOGBACK_RESOURCE,
                // Without log4j-core the log4j API would complain on the console; the broker logs via SLF4J.
                "-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory",
                "-Dshipyard.kafka.log=" + directory.brokerLog(),
                "-cp", System.getProperty("java.class.path"),
                BrokerMain.class.getName(), directory.serverProperties().toString()));
        if (!directory.isFormatted()) {
            command.add(clusterId);
        }
        return new ProcessBuilder(command)
                .directory(directory.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.consoleLog().toFile()))
                .start();
    }

    private static void awaitReady(BrokerDirectory directory, BrokerConfig config, Process process,
            Duration timeout, long logOffset) {
        long deadline = System.nanoTime() + timeout.toNanos();
        // Wait for the port first: an admin client polling a closed port logs a warning per attempt.
        while (System.nanoTime() < deadline && !isListening(config)) {
            requireAlive(directory, process, logOffset);
            pause(directory, process, PORT_POLL_INTERVAL);
        }
        Exception lastFailure = null;
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(PROBE_TIMEOUT.toMillis())))) {
            while (System.nanoTime() < deadline) {
                requireAlive(directory, process, logOffset);
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis()))
                            .nodes().get();
                    return;
                } catch (ExecutionException e) {
                    lastFailure = e;
                } catch (InterruptedException e) {
                    throw interrupted(directory, process, e);
                }
            }
        }
        process.destroyForcibly();
        throw failure(directory, logOffset, "it did not answer on " + config.bootstrapServers() + " within "
                + timeout.toSeconds() + " s", lastFailure);
    }

    private static boolean isListening(BrokerConfig config) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(BrokerConfig.HOST, config.port()), (int) PROBE_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void requireAlive(BrokerDirectory directory, Process process, long logOffset) {
        if (!process.isAlive()) {
            throw failure(directory, logOffset, "the broker process exited with status " + process.exitValue(), null);
        }
    }

    private static void pause(BrokerDirectory directory, Process process, Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            throw interrupted(directory, process, e);
        }
    }

    private static EmbeddedKafkaException interrupted(BrokerDirectory directory, Process process,
            InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
        return new EmbeddedKafkaException("interrupted while starting Kafka broker in " + directory.root(), e);
    }

    private static EmbeddedKafkaException failure(BrokerDirectory directory, long logOffset, String reason,
            Exception cause) {
        StringBuilder message = new StringBuilder("could not start Kafka broker in ")
                .append(directory.root()).append(": ").append(reason)
                .append("; see ").append(directory.brokerLog());
        try {
            message.append("\nfirst errors:");
            LogTail.errorsSince(directory.brokerLog(), logOffset, FAILURE_ERROR_LINES)
                    .forEach(line -> message.append("\n  ").append(line));
        } catch (IOException e) {
            message.append(" (unreadable: ").append(e.getMessage()).append(')');
        }
        message.append("\nlast lines:");
        tail(directory, FAILURE_TAIL_LINES).forEach(line -> message.append("\n  ").append(line));
        return new EmbeddedKafkaException(message.toString(), cause);
    }

    private static List<String> tail(BrokerDirectory directory, int lines) {
        try {
            List<String> result = new ArrayList<>(LogTail.read(directory.consoleLog(), lines));
            result.addAll(LogTail.read(directory.brokerLog(), lines));
            return List.copyOf(result);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the Kafka broker log in " + directory.root(), e);
        }
    }

    private static int freePort(int taken) throws IOException {
        for (int attempt = 0; attempt < 10; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (port != taken) {
                    return port;
                }
            }
        }
        throw new IOException("no free port on 127.0.0.1");
    }
}
