package dev.shipyard.loadtest.bench;

import dev.shipyard.oci.Digest;
import dev.shipyard.worker.layer.Compression;
import dev.shipyard.worker.layer.FileLayer;
import dev.shipyard.worker.layer.LayerOptions;
import dev.shipyard.worker.layer.LayerUnpacker;
import dev.shipyard.worker.layer.LayerWriter;
import dev.shipyard.worker.snapshot.ActiveMount;
import dev.shipyard.worker.snapshot.SnapshotStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Layer packing benchmarks, as a plain main class because each measurement is seconds of file I/O, not a hot loop.
 * <ol>
 *   <li>diff cost: on a 50,000-file lower snapshot, a step that changes 10 files; diff+pack of the upper directory
 *       versus a full walk+pack of the whole 50,000-file tree;</li>
 *   <li>pack throughput on a ~500 MB tree, gzip and zstd, next to {@code tar | gzip -6} and {@code tar | zstd -3}.</li>
 * </ol>
 * Needs root (OverlayFS) and the {@code tar}, {@code gzip} and {@code zstd} commands. Run from the repository root:
 * <pre>
 * mvn -B -ntp -q -pl load-tests -am compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
 * java -cp load-tests/target/classes:$(cat load-tests/target/bench.cp) dev.shipyard.loadtest.bench.LayerBenchmarks \
 *     [work-dir] [tree-MB] [all|diff|throughput]
 * </pre>
 */
public final class LayerBenchmarks {

    private static final int LOWER_FILES = 50_000;
    private static final int FILES_PER_DIR = 100;
    private static final int CHANGED_FILES = 10;
    private static final int REPEATS = 3;
    private static final Instant EPOCH = Instant.ofEpochSecond(1_700_000_000L);

    private LayerBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/var/tmp/shipyard-bench");
        int treeMb = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        String which = args.length > 2 ? args[2] : "all";
        LayerUnpacker.deleteTree(work);
        Files.createDirectories(work);
        try {
            if (!which.equals("throughput")) {
                diffCost(work.resolve("diff"));
            }
            if (!which.equals("diff")) {
                throughput(work.resolve("throughput"), treeMb);
            }
        } finally {
            LayerUnpacker.deleteTree(work);
        }
    }

    private static void diffCost(Path work) throws IOException {
        Path lower = Files.createDirectories(work.resolve("lower-tree"));
        writeSmallFiles(lower, LOWER_FILES);
        LayerWriter writer = new LayerWriter(LayerOptions.defaults().withSourceDateEpoch(EPOCH));
        List<Long> full = new ArrayList<>();
        FileLayer lowerLayer = null;
        for (int i = 0; i < REPEATS; i++) {
            long start = System.nanoTime();
            lowerLayer = writer.writeDirectory(lower, work.resolve("full-" + i + ".tar.gz"));
            full.add(System.nanoTime() - start);
        }
        SnapshotStore store = new SnapshotStore(work.resolve("store"));
        List<Digest> chain = store.ensure(List.of(lowerLayer));
        List<Long> diff = new ArrayList<>();
        long diffBytes = 0;
        for (int i = 0; i < REPEATS; i++) {
            ActiveMount mount = store.prepare(chain);
            try {
                for (int f = 0; f < CHANGED_FILES; f++) {
                    Files.writeString(mount.merged().resolve("d" + (f * 37) + "/f" + f), "changed " + i);
                }
                long start = System.nanoTime();
                store.unmount(mount);
                FileLayer layer = writer.writeDiff(mount.upper(), work.resolve("diff-" + i + ".tar.gz"));
                diff.add(System.nanoTime() - start);
                diffBytes = layer.size();
            } finally {
                store.abort(mount);
            }
        }
        System.out.printf("diff cost, %,d-file lower snapshot (%,d bytes packed):%n", LOWER_FILES, lowerLayer.size());
        System.out.printf("  full walk+pack of the tree : median %8.1f ms %s%n", medianMs(full), ms(full));
        System.out.printf("  unmount+diff+pack, %d files: median %8.1f ms %s (layer %,d bytes)%n",
                CHANGED_FILES, medianMs(diff), ms(diff), diffBytes);
        List<Long> cli = new ArrayList<>();
        for (int i = 0; i < REPEATS; i++) {
            long start = System.nanoTime();
            shell("tar -C " + lower + " -cf - . | gzip -6 > " + work.resolve("cli.tar.gz"));
            cli.add(System.nanoTime() - start);
        }
        System.out.printf("  for scale, tar | gzip -6    : median %8.1f ms %s%n", medianMs(cli), ms(cli));
    }

    private static void throughput(Path work, int treeMb) throws Exception {
        Path tree = Files.createDirectories(work.resolve("tree"));
        long bytes = writeLargeTree(tree, treeMb);
        System.out.printf("pack throughput, %,d MB tree (%,d bytes of files):%n", treeMb, bytes);
        for (Compression c : List.of(Compression.GZIP, Compression.ZSTD)) {
            LayerWriter writer = new LayerWriter(LayerOptions.defaults().withCompression(c).withSourceDateEpoch(EPOCH));
            Path out = work.resolve("layer." + c);
            long start = System.nanoTime();
            long cpu = processCpuNanos();
            FileLayer layer = writer.writeDirectory(tree, out);
            report("shipyard " + c.name().toLowerCase(), bytes, System.nanoTime() - start, processCpuNanos() - cpu, layer.size());
            Files.delete(out);
        }
        for (String compressor : List.of("gzip -6", "zstd -3 -q")) {
            Path out = work.resolve("cli.out");
            String command = "tar -C " + tree + " -cf - . | " + compressor + " > " + out;
            long start = System.nanoTime();
            long cpu = shell(command);
            report("tar | " + compressor.split(" ")[0], bytes, System.nanoTime() - start, cpu, Files.size(out));
            Files.delete(out);
        }
    }

    /** Runs a pipeline and returns the CPU time (user + system) of all its processes, as GNU time reports it. */
    private static long shell(String command) throws IOException {
        try {
            Path times = Files.createTempFile("shipyard-bench", ".time");
            Process p = new ProcessBuilder("/usr/bin/time", "-o", times.toString(), "-f", "%U %S",
                    "bash", "-o", "pipefail", "-c", command).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException("could not run '" + command + "': exit " + p.exitValue());
            }
            String[] userSystem = Files.readString(times).trim().split("\\s+");
            Files.delete(times);
            return (long) ((Double.parseDouble(userSystem[0]) + Double.parseDouble(userSystem[1])) * 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("could not run '" + command + "': interrupted", e);
        }
    }

    /** Wall-clock and CPU figures: on a shared machine CPU time is the fairer comparison. */
    private static void report(String what, long bytes, long nanos, long cpuNanos, long compressed) {
        double seconds = nanos / 1e9;
        double cpu = cpuNanos / 1e9;
        System.out.printf("  %-16s wall %6.2f s %7.1f MB/s | cpu %6.2f s %7.1f MB/cpu-s -> %,d bytes%n",
                what, seconds, bytes / 1e6 / seconds, cpu, bytes / 1e6 / cpu, compressed);
    }

    /** CPU time of this whole JVM (compiler and GC threads included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void writeSmallFiles(Path root, int count) throws IOException {
        Random random = new Random(42);
        byte[] content = new byte[512];
        for (int i = 0; i < count; i++) {
            Path dir = root.resolve("d" + (i / FILES_PER_DIR));
            if (i % FILES_PER_DIR == 0) {
                Files.createDirectories(dir);
            }
            random.nextBytes(content);
            Files.write(dir.resolve("f" + (i % FILES_PER_DIR)), content);
        }
    }

    /** Text-like content (compresses roughly like source code and binaries mixed): 1 MB files. */
    private static long writeLargeTree(Path root, int megabytes) throws IOException {
        Random random = new Random(7);
        String[] words = new String[4096];
        for (int i = 0; i < words.length; i++) {
            words[i] = Long.toString(random.nextLong() & 0xffffffffL, 36);
        }
        byte[] noise = new byte[1 << 18];
        long total = 0;
        for (int i = 0; i < megabytes; i++) {
            Path dir = Files.createDirectories(root.resolve("dir" + (i / 50)));
            StringBuilder text = new StringBuilder(1 << 20);
            while (text.length() < (3 << 18)) {
                text.append(words[random.nextInt(words.length)]).append(random.nextInt(10) == 0 ? '\n' : ' ');
            }
            random.nextBytes(noise);
            byte[] textBytes = text.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] file = new byte[1 << 20];
            System.arraycopy(textBytes, 0, file, 0, 3 << 18);
            System.arraycopy(noise, 0, file, 3 << 18, noise.length);
            Files.write(dir.resolve("blob" + i), file);
            total += file.length;
        }
        return total;
    }

    private static double medianMs(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) / 1e6;
    }

    private static String ms(List<Long> nanos) {
        return nanos.stream().map(n -> String.format("%.1f", n / 1e6)).toList().toString();
    }
}
