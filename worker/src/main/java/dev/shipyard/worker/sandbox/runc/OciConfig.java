package dev.shipyard.worker.sandbox.runc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipyard.worker.sandbox.NetworkMode;
import dev.shipyard.worker.sandbox.ResourceLimits;
import dev.shipyard.worker.sandbox.SandboxSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The OCI runtime-spec {@code config.json} of a step's bundle
 * (https://github.com/opencontainers/runtime-spec/blob/main/config.md), with Docker's default
 * capabilities, masked paths and devices.
 */
public final class OciConfig {
    static final List<String> CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER",
            "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");
    private static final List<String> MASKED = List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
            "/sys/firmware");
    private static final List<String> READ_ONLY = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    /** A bind mount whose target the caller already resolved inside the rootfs. */
    public record Bind(Path source, String target, boolean readOnly) {
    }

    /** A tmpfs whose target the caller already resolved inside the rootfs; size 0 = the kernel's default. */
    public record Tmpfs(String target, long sizeBytes) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private OciConfig() {
    }

    /**
     * @param cgroupsPath where runc puts the step's cgroup
     * @param netns a network namespace file to join, for {@link NetworkMode#NONE}
     */
    public static ObjectNode build(SandboxSpec spec, List<Bind> binds, List<Tmpfs> tmpfss, String cgroupsPath,
            Optional<Path> netns) {
        ObjectNode root = JSON.createObjectNode();
        root.put("ociVersion", "1.0.2");
        root.set("process", process(spec));
        root.putObject("root").put("path", spec.rootfs().toString()).put("readonly", false);
        root.put("hostname", spec.hostname());
        root.set("mounts", mounts(binds, tmpfss));
        root.set("linux", linux(spec, cgroupsPath, netns));
        return root;
    }

    public static String toJson(ObjectNode config) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not write config.json: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode process(SandboxSpec spec) {
        ObjectNode p = JSON.createObjectNode();
        p.put("terminal", false);
        ObjectNode user = p.putObject("user").put("uid", spec.user().uid()).put("gid", spec.user().gid());
        user.putArray("additionalGids");
        strings(p.putArray("args"), spec.args());
        strings(p.putArray("env"), spec.env());
        p.put("cwd", spec.cwd());
        ObjectNode caps = p.putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            strings(caps.putArray(set), CAPABILITIES);
        }
        p.put("noNewPrivileges", false);
        return p;
    }

    private static ArrayNode mounts(List<Bind> binds, List<Tmpfs> tmpfss) {
        ArrayNode m = JSON.createArrayNode();
        mount(m, "/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev"));
        mount(m, "/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k"));
        mount(m, "/dev/pts", "devpts", "devpts",
                List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"));
        mount(m, "/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k"));
        mount(m, "/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev"));
        mount(m, "/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro"));
        for (Tmpfs t : tmpfss) {
            List<String> options = t.sizeBytes() > 0
                    ? List.of("nosuid", "nodev", "mode=1777", "size=" + t.sizeBytes())
                    : List.of("nosuid", "nodev", "mode=1777");
            mount(m, t.target(), "tmpfs", "tmpfs", options);
        }
        for (Bind b : binds) {
            mount(m, b.target(), "bind", b.source().toString(),
                    List.of("rbind", "rprivate", b.readOnly() ? "ro" : "rw"));
        }
        return m;
    }

    private static void mount(ArrayNode mounts, String destination, String type, String source, List<String> options) {
        ObjectNode m = mounts.addObject().put("destination", destination).put("type", type).put("source", source);
        strings(m.putArray("options"), options);
    }

    private static ObjectNode linux(SandboxSpec spec, String cgroupsPath, Optional<Path> netns) {
        ObjectNode l = JSON.createObjectNode();
        ArrayNode ns = l.putArray("namespaces");
        for (String type : List.of("pid", "ipc", "uts", "mount")) {
            ns.addObject().put("type", type);
        }
        if (spec.network() == NetworkMode.NONE) {
            ObjectNode net = ns.addObject().put("type", "network");
            netns.ifPresent(path -> net.put("path", path.toString()));
        }
        l.put("cgroupsPath", cgroupsPath);
        l.set("resources", resources(spec.limits()));
        strings(l.putArray("maskedPaths"), MASKED);
        strings(l.putArray("readonlyPaths"), READ_ONLY);
        return l;
    }

    private static ObjectNode resources(ResourceLimits limits) {
        ObjectNode r = JSON.createObjectNode();
        r.putArray("devices").addObject().put("allow", false).put("access", "rwm");
        if (limits.memoryBytes() > 0) {
            r.putObject("memory").put("limit", limits.memoryBytes()).put("swap", limits.memoryBytes());
        }
        if (limits.pidsMax() > 0) {
            r.putObject("pids").put("limit", limits.pidsMax());
        }
        if (limits.cpus() > 0) {
            r.putObject("cpu").put("quota", limits.cpuQuotaMicros()).put("period", ResourceLimits.CPU_PERIOD_MICROS);
        }
        return r;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
