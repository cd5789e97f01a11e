/*
 * Shipyard's sandbox launcher for one Dockerfile RUN step.
 *
 * Started by the JVM (which cannot fork safely), it joins the step's cgroups, unshares the mount,
 * PID, UTS, IPC (and, for --network=none, network) namespaces and forks the namespace's PID 1.
 * PID 1 builds the filesystem view (rootfs bind, /proc, /sys read-only, a tmpfs /dev, the step's
 * mounts), pivots into the rootfs, then forks the step's process with the requested uid/gid and no
 * supplementary groups. When PID 1 exits the kernel kills everything left in the PID namespace, and
 * the mount namespace with all its mounts disappears with it: nothing outlives the step.
 *
 * The outcome is written to the --status file as one line: "exited N", "signaled N",
 * "setup-error MESSAGE" or "exec-error MESSAGE", so the caller can tell a failing command from a
 * sandbox that could not be built.
 *
 * Linked statically so that it depends on nothing from the host at run time.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <grp.h>
#include <linux/capability.h>
#include <unistd.h>

#define MAX_ITEMS 256

struct bind { const char *src; const char *dst; int ro; };
struct tmpfs { const char *dst; const char *size; };

static struct {
    const char *rootfs, *status, *hostname, *cwd;
    const char *cgroups[8]; int ncgroups;
    struct bind binds[MAX_ITEMS]; int nbinds;
    struct tmpfs tmpfss[MAX_ITEMS]; int ntmpfs;
    char *env[MAX_ITEMS * 4 + 1]; int nenv;
    char **argv;
    int net_none;
    uid_t uid; gid_t gid;
} opt;

static int report_fd = -1;

/* Sends "KIND message" to the outer process and exits; used only inside the namespace. */
static void fail(const char *kind, int code, const char *fmt, ...) {
    char buf[1024];
    int n = snprintf(buf, sizeof buf, "%s ", kind);
    va_list ap;
    va_start(ap, fmt);
    n += vsnprintf(buf + n, sizeof buf - n, fmt, ap);
    va_end(ap);
    if (n > (int) sizeof buf - 2) n = sizeof buf - 2;
    buf[n++] = '\n';
    if (report_fd >= 0 && write(report_fd, buf, n) < 0) { /* nothing left to tell it with */ }
    _exit(code);
}

#define SETUP(call, ...) do { if ((call) < 0) fail("setup-error", 125, __VA_ARGS__); } while (0)

static void usage(void) {
    fprintf(stderr, "sandbox-init: bad arguments\n");
    exit(125);
}

static void parse(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        #define NEXT() (i + 1 < argc ? argv[++i] : (usage(), (char *) 0))
        if (!strcmp(a, "--")) { opt.argv = &argv[i + 1]; return; }
        else if (!strcmp(a, "--rootfs")) opt.rootfs = NEXT();
        else if (!strcmp(a, "--status")) opt.status = NEXT();
        else if (!strcmp(a, "--hostname")) opt.hostname = NEXT();
        else if (!strcmp(a, "--cwd")) opt.cwd = NEXT();
        else if (!strcmp(a, "--uid")) opt.uid = (uid_t) strtoul(NEXT(), NULL, 10);
        else if (!strcmp(a, "--gid")) opt.gid = (gid_t) strtoul(NEXT(), NULL, 10);
        else if (!strcmp(a, "--net-none")) opt.net_none = 1;
        else if (!strcmp(a, "--cgroup") && opt.ncgroups < 8) opt.cgroups[opt.ncgroups++] = NEXT();
        else if (!strcmp(a, "--env") && opt.nenv < MAX_ITEMS * 4) opt.env[opt.nenv++] = NEXT();
        else if (!strcmp(a, "--bind") && opt.nbinds < MAX_ITEMS) {
            struct bind *b = &opt.binds[opt.nbinds++];
            b->src = NEXT(); b->dst = NEXT(); b->ro = !strcmp(NEXT(), "ro");
        } else if (!strcmp(a, "--tmpfs") && opt.ntmpfs < MAX_ITEMS) {
            struct tmpfs *t = &opt.tmpfss[opt.ntmpfs++];
            t->dst = NEXT(); t->size = NEXT();
        } else usage();
        #undef NEXT
    }
    usage();
}

static void write_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0 || write(fd, text, strlen(text)) < 0) {
        fprintf(stderr, "sandbox-init: could not write %s: %s\n", path, strerror(errno));
        exit(125);
    }
    close(fd);
}

/* Best effort: lowering a score needs CAP_SYS_RESOURCE, which a worker in a container may lack. */
static void oom_score(const char *value) {
    int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
    if (fd >= 0) {
        if (write(fd, value, strlen(value)) < 0) { /* keeps the inherited score */ }
        close(fd);
    }
}

static void in_root(char *out, const char *path) {
    snprintf(out, PATH_MAX, "%s%s", opt.rootfs, path);
}

static void make_node(const char *name, unsigned major, unsigned minor) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/dev/%s", opt.rootfs, name);
    SETUP(mknod(path, S_IFCHR | 0666, makedev(major, minor)), "could not create /dev/%s: %s", name, strerror(errno));
    SETUP(chmod(path, 0666), "could not chmod /dev/%s: %s", name, strerror(errno));
}

static void make_link(const char *target, const char *name) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/dev/%s", opt.rootfs, name);
    SETUP(symlink(target, path), "could not link /dev/%s: %s", name, strerror(errno));
}

static void setup_dev(void) {
    char path[PATH_MAX];
    unsigned long flags = MS_NOSUID | MS_NOEXEC;
    in_root(path, "/dev");
    SETUP(mount("tmpfs", path, "tmpfs", flags, "mode=755,size=65536k"), "could not mount /dev: %s", strerror(errno));
    make_node("null", 1, 3);
    make_node("zero", 1, 5);
    make_node("full", 1, 7);
    make_node("random", 1, 8);
    make_node("urandom", 1, 9);
    make_node("tty", 5, 0);
    in_root(path, "/dev/pts");
    SETUP(mkdir(path, 0755), "could not create /dev/pts: %s", strerror(errno));
    SETUP(mount("devpts", path, "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620"),
          "could not mount /dev/pts: %s", strerror(errno));
    make_link("pts/ptmx", "ptmx");
    in_root(path, "/dev/shm");
    SETUP(mkdir(path, 01777), "could not create /dev/shm: %s", strerror(errno));
    SETUP(mount("shm", path, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=1777,size=65536k"),
          "could not mount /dev/shm: %s", strerror(errno));
    make_link("/proc/self/fd", "fd");
    make_link("/proc/self/fd/0", "stdin");
    make_link("/proc/self/fd/1", "stdout");
    make_link("/proc/self/fd/2", "stderr");
}

/* Kernel knobs a build must not turn, and files that leak host memory: as Docker does. */
static const char *const READ_ONLY_PROC[] = {"/proc/sys", "/proc/sysrq-trigger", "/proc/bus", "/proc/fs", "/proc/irq"};
static const char *const MASKED_PROC[] = {"/proc/kcore", "/proc/keys", "/proc/timer_list", "/proc/sched_debug"};

static void protect_proc(void) {
    char path[PATH_MAX], null[PATH_MAX];
    for (size_t i = 0; i < sizeof READ_ONLY_PROC / sizeof *READ_ONLY_PROC; i++) {
        in_root(path, READ_ONLY_PROC[i]);
        if (access(path, F_OK) < 0) continue;
        SETUP(mount(path, path, NULL, MS_BIND | MS_REC, NULL), "could not bind %s: %s", READ_ONLY_PROC[i], strerror(errno));
        SETUP(mount(NULL, path, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL),
              "could not make %s read-only: %s", READ_ONLY_PROC[i], strerror(errno));
    }
    in_root(null, "/dev/null");
    for (size_t i = 0; i < sizeof MASKED_PROC / sizeof *MASKED_PROC; i++) {
        in_root(path, MASKED_PROC[i]);
        if (access(path, F_OK) < 0) continue;
        SETUP(mount(null, path, NULL, MS_BIND, NULL), "could not mask %s: %s", MASKED_PROC[i], strerror(errno));
    }
}

/* Docker's default capabilities; everything else leaves the bounding set before the step's exec. */
static const int KEPT_CAPS[] = {CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_FSETID, CAP_FOWNER, CAP_MKNOD, CAP_NET_RAW,
    CAP_SETGID, CAP_SETUID, CAP_SETFCAP, CAP_SETPCAP, CAP_NET_BIND_SERVICE, CAP_SYS_CHROOT, CAP_KILL, CAP_AUDIT_WRITE};

static void drop_capabilities(void) {
    for (int cap = 0; cap <= 63; cap++) {
        int kept = 0;
        for (size_t i = 0; i < sizeof KEPT_CAPS / sizeof *KEPT_CAPS; i++) kept |= KEPT_CAPS[i] == cap;
        if (kept) continue;
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL) {
            fail("setup-error", 125, "could not drop capability %d: %s", cap, strerror(errno));
        }
    }
}

static void setup_mounts(void) {
    char path[PATH_MAX];
    /* Nothing mounted here may reach the host's namespace. */
    SETUP(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), "could not make / private: %s", strerror(errno));
    /* pivot_root needs the new root to be a mount point. */
    SETUP(mount(opt.rootfs, opt.rootfs, NULL, MS_BIND | MS_REC, NULL), "could not bind the rootfs %s: %s",
          opt.rootfs, strerror(errno));
    in_root(path, "/proc");
    SETUP(mount("proc", path, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL), "could not mount /proc: %s",
          strerror(errno));
    in_root(path, "/sys");
    SETUP(mount("sysfs", path, "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL),
          "could not mount /sys: %s", strerror(errno));
    setup_dev();
    protect_proc();
    for (int i = 0; i < opt.ntmpfs; i++) {
        char data[64];
        snprintf(data, sizeof data, "mode=1777%s%s", opt.tmpfss[i].size[0] == '0' ? "" : ",size=",
                 opt.tmpfss[i].size[0] == '0' ? "" : opt.tmpfss[i].size);
        in_root(path, opt.tmpfss[i].dst);
        SETUP(mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, data), "could not mount a tmpfs on %s: %s",
              opt.tmpfss[i].dst, strerror(errno));
    }
    for (int i = 0; i < opt.nbinds; i++) {
        struct bind *b = &opt.binds[i];
        in_root(path, b->dst);
        SETUP(mount(b->src, path, NULL, MS_BIND | MS_REC, NULL), "could not bind %s on %s: %s", b->src, b->dst,
              strerror(errno));
        if (b->ro) {
            SETUP(mount(NULL, path, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL),
                  "could not make %s read-only: %s", b->dst, strerror(errno));
        }
    }
}

static void loopback_up(void) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    SETUP(fd, "could not open a socket: %s", strerror(errno));
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strcpy(ifr.ifr_name, "lo");
    SETUP(ioctl(fd, SIOCGIFFLAGS, &ifr), "could not read lo: %s", strerror(errno));
    ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
    SETUP(ioctl(fd, SIOCSIFFLAGS, &ifr), "could not bring lo up: %s", strerror(errno));
    close(fd);
}

static void enter_root(void) {
    SETUP(chdir(opt.rootfs), "could not enter %s: %s", opt.rootfs, strerror(errno));
    /* Stacks the old root on the new one, then detaches it: no directory is needed in the rootfs. */
    SETUP(syscall(SYS_pivot_root, ".", "."), "could not pivot_root into %s: %s", opt.rootfs, strerror(errno));
    SETUP(umount2(".", MNT_DETACH), "could not detach the host's root: %s", strerror(errno));
    SETUP(chdir("/"), "could not enter /: %s", strerror(errno));
}

static void exec_step(void) {
    oom_score("0");
    drop_capabilities();
    if (setgroups(0, NULL) < 0 || setgid(opt.gid) < 0 || setuid(opt.uid) < 0) {
        fail("setup-error", 125, "could not switch to uid %u gid %u: %s", opt.uid, opt.gid, strerror(errno));
    }
    if (chdir(opt.cwd ? opt.cwd : "/") < 0) {
        fail("exec-error", 127, "could not enter the working directory %s: %s", opt.cwd, strerror(errno));
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    opt.env[opt.nenv] = NULL;
    environ = opt.env;
    execvp(opt.argv[0], opt.argv);
    fail("exec-error", 127, "could not start %s: %s", opt.argv[0], strerror(errno));
}

/* PID 1 of the step's namespace: builds the view, runs the step, reaps orphans, reports. */
static void run_init(void) {
    int flags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | (opt.net_none ? CLONE_NEWNET : 0);
    SETUP(unshare(flags), "could not create namespaces: %s", strerror(errno));
    setup_mounts();
    if (opt.hostname) {
        SETUP(sethostname(opt.hostname, strlen(opt.hostname)), "could not set the hostname: %s", strerror(errno));
    }
    if (opt.net_none) loopback_up();
    enter_root();
    /* The memory limit's OOM killer must pick the step's processes, never the reaper. */
    oom_score("-1000");
    pid_t step = fork();
    SETUP(step, "could not fork the step: %s", strerror(errno));
    if (step == 0) exec_step();
    for (;;) {
        int status;
        pid_t pid = wait(&status);
        if (pid < 0 && errno == EINTR) continue;
        if (pid < 0) fail("setup-error", 125, "lost the step's process: %s", strerror(errno));
        if (pid != step) continue;
        if (WIFEXITED(status)) fail("exited", WEXITSTATUS(status), "%d", WEXITSTATUS(status));
        if (WIFSIGNALED(status)) fail("signaled", 128 + WTERMSIG(status), "%d", WTERMSIG(status));
    }
}

static void write_status(const char *line) {
    int fd = open(opt.status, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 || write(fd, line, strlen(line)) < 0) {
        fprintf(stderr, "sandbox-init: could not write status %s: %s\n", opt.status, strerror(errno));
        exit(125);
    }
    close(fd);
}

int main(int argc, char **argv) {
    parse(argc, argv);
    if (!opt.rootfs || !opt.status || !opt.argv || !opt.argv[0]) usage();
    pid_t launcher = getppid();
    /* If the JVM dies, so does the step. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != launcher) exit(125);
    char pid[32];
    snprintf(pid, sizeof pid, "%d", getpid());
    for (int i = 0; i < opt.ncgroups; i++) write_file(opt.cgroups[i], pid);

    /* Only the PID namespace here: pivot_root would move this process's root too if it shared the mount one. */
    if (unshare(CLONE_NEWPID) < 0) {
        char line[512];
        snprintf(line, sizeof line, "setup-error could not create namespaces: %s", strerror(errno));
        write_status(line);
        return 125;
    }
    int pipefd[2];
    if (pipe2(pipefd, O_CLOEXEC) < 0) {
        write_status("setup-error could not create a pipe");
        return 125;
    }
    pid_t init = fork();
    if (init < 0) {
        write_status("setup-error could not fork the sandbox's init");
        return 125;
    }
    if (init == 0) {
        /* getppid() is 0 here (the parent lives outside the namespace), so the usual re-check is moot. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        close(pipefd[0]);
        report_fd = pipefd[1];
        run_init();
    }
    close(pipefd[1]);
    char line[1100];
    size_t used = 0;
    ssize_t n;
    while (used < sizeof line - 1 && ((n = read(pipefd[0], line + used, sizeof line - 1 - used)) > 0 || (n < 0 && errno == EINTR))) {
        if (n > 0) used += (size_t) n;
    }
    line[used] = 0;
    int status = 0;
    while (waitpid(init, &status, 0) < 0 && errno == EINTR) { }
    if (used == 0) {
        snprintf(line, sizeof line, "setup-error the sandbox's init ended without a report (%s %d)",
                 WIFSIGNALED(status) ? "signal" : "exit", WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
    }
    write_status(line);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 125;
}
