package dev.shipyard.worker.sandbox.linux;

import dev.shipyard.worker.sandbox.ResourceLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cgroup (one per v1 controller, or one v2 directory) that holds every process of a step and
 * carries its limits; closing it kills what is left and removes it.
 */
final class StepCgroup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StepCgroup.class);
    private static final long KILL_WAIT_MILLIS = 10_000;

    private final CgroupHierarchy hierarchy;
    private final List<Path> dirs;

    private StepCgroup(CgroupHierarchy hierarchy, List<Path> dirs) {
        this.hierarchy = hierarchy;
        this.dirs = dirs;
    }

    static StepCgroup create(CgroupHierarchy hierarchy, String name, ResourceLimits limits) throws IOException {
        List<Path> dirs = new ArrayList<>();
        StepCgroup cgroup = new StepCgroup(hierarchy, dirs);
        try {
            for (Path base : hierarchy.bases().values()) {
                Path dir = base.resolve(name);
                Files.createDirectory(dir);
                dirs.add(dir);
            }
            cgroup.apply(limits);
            return cgroup;
        } catch (IOException | RuntimeException e) {
            cgroup.close();
            throw e;
        }
    }

    /** The {@code cgroup.procs} files the launcher writes its pid to. */
    List<Path> procsFiles() {
        return dirs.stream().map(d -> d.resolve("cgroup.procs")).toList();
    }

    boolean oomKilled() {
        return counter(hierarchy.unified() ? "memory.events" : "memory.oom_control", "oom_kill") > 0;
    }

    boolean pidsLimitReached() {
        return counter("pids.events", "max") > 0;
    }

    private void apply(ResourceLimits limits) throws IOException {
        if (limits.memoryBytes() > 0) {
            String bytes = Long.toString(limits.memoryBytes());
            if (hierarchy.unified()) {
                write("memory.max", bytes);
                writeIfPresent("memory.swap.max", "0");
            } else {
                write("memory.limit_in_bytes", bytes);
                writeIfPresent("memory.memsw.limit_in_bytes", bytes);
            }
        }
        if (limits.pidsMax() > 0) {
            write("pids.max", Long.toString(limits.pidsMax()));
        }
        if (limits.cpus() > 0) {
            String quota = Long.toString(limits.cpuQuotaMicros());
            String period = Long.toString(ResourceLimits.CPU_PERIOD_MICROS);
            if (hierarchy.unified()) {
                write("cpu.max", quota + " " + period);
            } else {
                write("cpu.cfs_period_us", period);
                write("cpu.cfs_quota_us", quota);
            }
        }
    }

    private void write(String file, String value) throws IOException {
        Path path = find(file).orElseThrow(() -> new IOException(
                "could not set " + file + ": the controller is not available on this host"));
        Files.writeString(path, value);
    }

    private void writeIfPresent(String file, String value) throws IOException {
        Optional<Path> path = find(file);
        if (path.isPresent()) {
            Files.writeString(path.get(), value);
        }
    }

    private Optional<Path> find(String file) {
        return dirs.stream().map(d -> d.resolve(file)).filter(Files::exists).findFirst();
    }

    private long counter(String file, String key) {
        Optional<Path> path = find(file);
        if (path.isEmpty()) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(path.get())) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 2 && parts[0].equals(key)) {
                    return Long.parseLong(parts[1]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.warn("could not read {}: {}", path.get(), e.toString());
        }
        return 0;
    }

    /** Kills every process still in the cgroup, waits until it is empty, and removes it. */
    @Override
    public void close() {
        long deadline = System.currentTimeMillis() + KILL_WAIT_MILLIS;
        for (int i = dirs.size() - 1; i >= 0; i--) {
            Path dir = dirs.get(i);
            try {
                while (killMembers(dir) && System.currentTimeMillis() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(10);
                }
                Files.delete(dir);
            } catch (IOException e) {
                LOG.warn("could not remove cgroup {}: {}", dir, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("interrupted while emptying cgroup {}", dir);
                return;
            }
        }
    }

    /** Sends SIGKILL to every member; true while there were members. */
    private static boolean killMembers(Path dir) throws IOException {
        List<String> pids = Files.readAllLines(dir.resolve("cgroup.procs"));
        for (String pid : pids) {
            ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
        }
        return !pids.isEmpty();
    }
}
