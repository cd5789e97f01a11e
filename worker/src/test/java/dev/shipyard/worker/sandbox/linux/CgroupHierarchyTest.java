package dev.shipyard.worker.sandbox.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CgroupHierarchyTest {
    private static final List<String> MOUNTINFO = List.of(
            "25 24 0:22 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755",
            "26 25 0:23 / /sys/fs/cgroup/unified rw,nosuid shared:10 - cgroup2 cgroup2 rw",
            "28 25 0:25 / /sys/fs/cgroup/memory rw,nosuid shared:12 - cgroup cgroup rw,memory",
            "29 25 0:26 / /sys/fs/cgroup/pids rw,nosuid shared:13 - cgroup cgroup rw,pids",
            "30 25 0:27 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:14 - cgroup cgroup rw,cpu,cpuacct");

    @Test
    void v1_workerInANestedCgroup_putsStepsUnderItsOwnCgroupPerController() {
        CgroupHierarchy h = CgroupHierarchy.v1(List.of(
                "4:memory:/workers/w1", "3:pids:/", "2:cpu,cpuacct:/workers/w1", "0::/"), MOUNTINFO);
        assertThat(h.unified()).isFalse();
        assertThat(h.bases()).containsEntry("memory", Path.of("/sys/fs/cgroup/memory/workers/w1"))
                .containsEntry("pids", Path.of("/sys/fs/cgroup/pids"))
                .containsEntry("cpu", Path.of("/sys/fs/cgroup/cpu,cpuacct/workers/w1"));
    }

    @Test
    void v1_missingController_isLeftOut() {
        CgroupHierarchy h = CgroupHierarchy.v1(List.of("4:memory:/", "0::/"), MOUNTINFO.subList(0, 3));
        assertThat(h.bases()).containsOnlyKeys("memory");
    }

    @Test
    void v1_mountOfASubtree_stripsItsRoot() {
        List<String> mounts = List.of("28 25 0:25 /kubepods/pod1 /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory");
        CgroupHierarchy h = CgroupHierarchy.v1(List.of("4:memory:/kubepods/pod1/c1"), mounts);
        assertThat(h.bases()).containsEntry("memory", Path.of("/sys/fs/cgroup/memory/c1"));
    }
}
