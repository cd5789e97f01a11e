package dev.shipyard.worker.engine;

import dev.shipyard.cachekey.CacheKeys;
import dev.shipyard.cachekey.RunInputs;
import dev.shipyard.dockerfile.instructions.HeredocFile;
import dev.shipyard.dockerfile.instructions.Mount;
import dev.shipyard.dockerfile.instructions.MountType;
import dev.shipyard.dockerfile.instructions.RunInstruction;
import dev.shipyard.oci.Digest;
import dev.shipyard.worker.copy.CopyExecutor;
import dev.shipyard.worker.copy.CopyRequest;
import dev.shipyard.worker.copy.SourceRoot;
import dev.shipyard.worker.sandbox.NetworkMode;
import dev.shipyard.worker.sandbox.ResolvedUser;
import dev.shipyard.worker.sandbox.SandboxEnv;
import dev.shipyard.worker.sandbox.SandboxSpec;
import dev.shipyard.worker.sandbox.UserResolver;
import dev.shipyard.worker.snapshot.ActiveMount;
import dev.shipyard.worker.snapshot.ChainIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** A RUN step: the command in the sandbox over the stage's rootfs, with its mounts, user, env and network. */
final class RunStep {
    /** {@code RUN <<EOF} alone: the here-document is the script. */
    private static final Pattern HEREDOC_ONLY = Pattern.compile("<<-?[\"']?([A-Za-z0-9_.-]+)[\"']?");

    private RunStep() {
    }

    static void run(StageBuilder stage, RunInstruction run) throws Exception {
        EngineContext ctx = stage.ctx();
        List<String> argv = argv(run, stage.shell());
        Map<String, String> env = stage.scope().runEnvironment();
        String user = stage.userSpec();
        String workdir = stage.workdirPath();
        String createdBy = "RUN " + String.join(" ", argv) + " # buildkit";
        stage.layerStep(dev.shipyard.graph.InstructionText.of(run), createdBy,
                () -> CacheKeys.run(stage.diffIds(), run,
                        new RunInputs(env, user, workdir, stage.shell(), mountSources(stage, run)), stage.layerInputs()),
                (mount, id, started) -> execute(stage, run, argv, env, user, workdir, mount, id, started));
    }

    static List<String> argv(RunInstruction run, List<String> shell) {
        if (!run.shellForm()) {
            return run.command();
        }
        String command = String.join(" ", run.command());
        if (!run.heredocs().isEmpty()) {
            if (run.heredocs().size() == 1 && HEREDOC_ONLY.matcher(command.trim()).matches()) {
                command = run.heredocs().get(0).content();
            } else {
                StringBuilder script = new StringBuilder(command).append('\n');
                for (HeredocFile heredoc : run.heredocs()) {
                    script.append(heredoc.content()).append(heredoc.name()).append('\n');
                }
                command = script.toString();
            }
        }
        return SandboxSpec.shellForm(shell, command);
    }

    private static void execute(StageBuilder stage, RunInstruction run, List<String> argv, Map<String, String> env,
                                String user, String workdir, ActiveMount mount, int id, long started)
            throws Exception {
        EngineContext ctx = stage.ctx();
        Path root = mount.merged();
        ResolvedUser resolved = UserResolver.resolve(root, user);
        List<String> entries = new ArrayList<>();
        env.forEach((k, v) -> entries.add(k + "=" + v));
        stage.scope().proxyArgs().forEach((k, v) -> entries.add(k + "=" + v));
        List<SourceTree> sources = new ArrayList<>();
        try {
            List<dev.shipyard.worker.sandbox.Mount> mounts = new ArrayList<>();
            for (Mount m : run.mounts()) {
                mounts.add(mount(stage, m, sources));
            }
            SandboxSpec spec = new SandboxSpec(root, argv,
                    SandboxEnv.forRun(entries, SandboxSpec.DEFAULT_HOSTNAME, resolved), resolved.user(), workdir,
                    mounts, run.network() == dev.shipyard.dockerfile.instructions.NetworkMode.NONE
                            ? NetworkMode.NONE : NetworkMode.HOST,
                    SandboxSpec.DEFAULT_HOSTNAME, ctx.options().limits(), ctx.options().stepTimeout());
            ctx.runtime().run(spec, (stream, line) -> ctx.progress().output(id, StageBuilder.since(started), line),
                    dev.shipyard.worker.sandbox.CancellationToken.none());
        } finally {
            for (SourceTree source : sources) {
                source.close();
            }
        }
    }

    private static dev.shipyard.worker.sandbox.Mount mount(StageBuilder stage, Mount m, List<SourceTree> sources)
            throws Exception {
        EngineContext ctx = stage.ctx();
        if (m.type() == MountType.SECRET || m.type() == MountType.SSH) {
            throw new BuildFailedException("could not run RUN --mount=type=" + m.type().dockerfileName()
                    + ": secret and ssh mounts are not supported by local builds yet");
        }
        if (m.target() == null || m.target().isEmpty()) {
            throw new BuildFailedException("could not run RUN --mount=" + m.spec() + ": the mount has no target");
        }
        String target = m.target().startsWith("/") ? m.target() : StageBuilder.clean(stage.workdirPath() + "/" + m.target());
        if (m.type() == MountType.TMPFS) {
            return new dev.shipyard.worker.sandbox.Mount.Tmpfs(target, 0);
        }
        if (m.type() == MountType.CACHE) {
            String id = m.id() == null || m.id().isEmpty() ? target : m.id();
            Path dir = ctx.cacheMounts().resolve(Digest.sha256(id).hex());
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (m.uid() != null || m.gid() != null) {
                    Files.setAttribute(dir, "unix:uid", m.uid() == null ? 0 : Integer.parseInt(m.uid()));
                    Files.setAttribute(dir, "unix:gid", m.gid() == null ? 0 : Integer.parseInt(m.gid()));
                }
                if (m.mode() != null) {
                    Files.setPosixFilePermissions(dir, permissions(Integer.parseInt(m.mode(), 8)));
                }
            }
            return new dev.shipyard.worker.sandbox.Mount.Bind(dir, target, false);
        }
        if (m.type() == MountType.BIND) {
            Path base;
            if ((m.from() == null || m.from().isEmpty()) && m.readOnly()) {
                base = ctx.contextDir();
            } else if (m.from() == null || m.from().isEmpty()) {
                SourceTree copy = SourceTree.contextCopy(ctx.contextDir());
                sources.add(copy);
                base = copy.dir();
            } else {
                SourceTree tree = source(stage, m.from());
                sources.add(tree);
                base = tree.dir();
            }
            String rel = m.source() == null ? "" : m.source().replaceFirst("^/+", "");
            Path source = rel.isEmpty() ? base : base.resolve(rel).normalize();
            if (!source.startsWith(base)) {
                throw new BuildFailedException("could not mount " + m.source() + ": it leaves the mounted tree");
            }
            return new dev.shipyard.worker.sandbox.Mount.Bind(source, target, m.readOnly());
        }
        throw new BuildFailedException("could not run RUN --mount=" + m.spec() + ": unknown mount type");
    }

    private static SourceTree source(StageBuilder stage, String from) throws Exception {
        EngineContext ctx = stage.ctx();
        Optional<Integer> index = stage.stageIndex(from);
        if (index.isPresent()) {
            return SourceTree.of(ctx.stageResults().get(index.get()).join(), ctx.snapshots());
        }
        StageResult image = Images.load(ctx, from).orElseThrow(() -> new BuildFailedException(
                "could not resolve --mount from=" + from + ": no such stage or image in the local store"));
        return SourceTree.of(image, ctx.snapshots());
    }

    /** What RUN --mount from= mounts, as the chain id of that stage or image, so that the key follows it. */
    private static SortedMap<String, String> mountSources(StageBuilder stage, RunInstruction run) throws Exception {
        SortedMap<String, String> out = new TreeMap<>();
        for (Mount m : run.mounts()) {
            if (m.type() != MountType.BIND) {
                continue;
            }
            if (m.from() == null || m.from().isEmpty()) {
                out.put(m.target(), contextDigest(stage.ctx().contextDir(), m.source()).toString());
                continue;
            }
            Optional<Integer> index = stage.stageIndex(m.from());
            StageResult result = index.isPresent() ? stage.ctx().stageResults().get(index.get()).join()
                    : Images.load(stage.ctx(), m.from()).orElse(null);
            if (result != null) {
                List<Digest> chain = ChainIds.of(result.config().rootfs().diffIds());
                out.put(m.target(), chain.isEmpty() ? "scratch" : chain.get(chain.size() - 1).toString());
            }
        }
        return out;
    }

    /** The files a context bind mount exposes, digested as COPY would select them. */
    private static Digest contextDigest(Path contextDir, String source) {
        String src = source == null || source.isEmpty() ? "." : source;
        CopyRequest request = new CopyRequest(false, List.of(src), List.of(), "/mnt/", "/", null, null, List.of(),
                false, null, false);
        return CopyExecutor.selectionDigest(request, SourceRoot.context(contextDir));
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(int mode) {
        java.util.Set<java.nio.file.attribute.PosixFilePermission> set =
                java.util.EnumSet.noneOf(java.nio.file.attribute.PosixFilePermission.class);
        java.nio.file.attribute.PosixFilePermission[] all = java.nio.file.attribute.PosixFilePermission.values();
        for (int bit = 0; bit < 9; bit++) {
            if ((mode & (1 << (8 - bit))) != 0) {
                set.add(all[bit]);
            }
        }
        return set;
    }
}
