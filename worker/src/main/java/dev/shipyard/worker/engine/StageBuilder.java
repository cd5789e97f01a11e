package dev.shipyard.worker.engine;

import dev.shipyard.cachekey.CacheKey;
import dev.shipyard.cachekey.CacheKeys;
import dev.shipyard.cachekey.LayerInputs;
import dev.shipyard.dockerfile.DockerfileException;
import dev.shipyard.dockerfile.instructions.AddInstruction;
import dev.shipyard.dockerfile.instructions.ArgInstruction;
import dev.shipyard.dockerfile.instructions.CmdInstruction;
import dev.shipyard.dockerfile.instructions.CopyInstruction;
import dev.shipyard.dockerfile.instructions.Dockerfile;
import dev.shipyard.dockerfile.instructions.Instruction;
import dev.shipyard.dockerfile.instructions.RunInstruction;
import dev.shipyard.dockerfile.instructions.ShellInstruction;
import dev.shipyard.dockerfile.instructions.WorkdirInstruction;
import dev.shipyard.graph.BaseRef;
import dev.shipyard.graph.InstructionText;
import dev.shipyard.graph.StageNode;
import dev.shipyard.graph.StageScope;
import dev.shipyard.graph.Step;
import dev.shipyard.oci.Digest;
import dev.shipyard.oci.History;
import dev.shipyard.oci.ImageConfig;
import dev.shipyard.oci.Platform;
import dev.shipyard.worker.copy.CopyException;
import dev.shipyard.worker.copy.CopyExecutor;
import dev.shipyard.worker.copy.CopyRequest;
import dev.shipyard.worker.copy.SourceRoot;
import dev.shipyard.worker.sandbox.SandboxEnv;
import dev.shipyard.worker.sandbox.SandboxSpec;
import dev.shipyard.worker.sandbox.SandboxUser;
import dev.shipyard.worker.sandbox.UserResolver;
import dev.shipyard.worker.sandbox.Workdir;
import dev.shipyard.worker.snapshot.ActiveMount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs the steps of one stage in order, from its base to its result. */
final class StageBuilder {
    private static final String HISTORY_COMMENT = "buildkit.dockerfile.v0";

    private final EngineContext ctx;
    private final StageNode node;
    private final String label;
    private ImageConfig config;
    private final List<StoredLayer> layers = new ArrayList<>();
    private StageScope scope;
    private List<String> shell;
    private String workdir;
    private boolean cmdSet;
    private int position;
    private int total;

    StageBuilder(EngineContext ctx, StageNode node) {
        this.ctx = ctx;
        this.node = node;
        this.label = ctx.graph().order().size() > 1 ? node.displayName() + " " : "";
    }

    StageResult build() throws Exception {
        int fromId = ctx.nextStepId();
        long started = System.nanoTime();
        List<Instruction> instructions = new ArrayList<>();
        StageResult base;
        try {
            base = base(node.base());
            List<Instruction> triggers = triggers(base.config().config().onBuild());
            instructions.addAll(triggers);
            node.steps().stream().map(Step::instruction).forEach(instructions::add);
            // As in BuildKit, only FROM and the steps that touch files are numbered.
            total = 1 + (int) instructions.stream().filter(StageBuilder::changesFiles).count();
            position = 1;
            ctx.progress().started(fromId, title("FROM " + node.base().display()));
        } catch (BuildFailedException e) {
            ctx.progress().started(fromId, "[" + label + "1/?] FROM " + node.base().display());
            ctx.progress().failed(fromId, since(started), e.getMessage());
            throw e;
        }
        start(base);
        ctx.progress().done(fromId, since(started));
        for (Instruction instruction : instructions) {
            step(instruction);
        }
        return new StageResult(config, layers);
    }

    private StageResult base(BaseRef ref) throws Exception {
        if (ref instanceof BaseRef.Scratch) {
            ImageConfig scratch = ImageConfig.scratch(ctx.options().platform()).withWorkingDir("/");
            return new StageResult(scratch, List.of());
        }
        if (ref instanceof BaseRef.Stage stage) {
            return ctx.stageResults().get(stage.index()).join();
        }
        String reference = ((BaseRef.Image) ref).reference();
        return Images.load(ctx, reference, platform(node.from().platform())).orElseThrow(() -> new BuildFailedException("could not resolve FROM "
                + reference + ": image not found in the local store (load it with `shipyard image load` or build "
                + "it with -t)"));
    }

    private static Platform platform(String flag) throws BuildFailedException {
        if (flag == null || flag.isBlank()) {
            return null;
        }
        try {
            return Platform.parse(flag);
        } catch (IllegalArgumentException e) {
            throw new BuildFailedException("could not resolve FROM --platform=" + flag + ": " + e.getMessage(), e);
        }
    }

    private void start(StageResult base) {
        ImageConfig from = base.config();
        if (from.config().envValue("PATH") == null) {
            from = from.withEnv("PATH", SandboxEnv.DEFAULT_PATH);
        }
        config = from.withConfig(from.config().withoutOnBuild());
        layers.addAll(base.layers());
        scope = StageScope.start(ctx.graph().globalArgs(), orEmpty(config.config().env()));
        List<String> baseShell = orEmpty(config.config().shell());
        shell = baseShell.isEmpty() ? SandboxSpec.DEFAULT_SHELL : baseShell;
        workdir = config.config().workingDir() == null ? "/" : config.config().workingDir();
    }

    /** ONBUILD triggers of the base run first, parsed as if they were written after FROM. */
    private static List<Instruction> triggers(List<String> onBuild) throws BuildFailedException {
        if (onBuild == null || onBuild.isEmpty()) {
            return List.of();
        }
        String text = "FROM scratch\n" + String.join("\n", onBuild) + "\n";
        try {
            return Dockerfile.parse("ONBUILD", text.getBytes(StandardCharsets.UTF_8)).stages().get(0).instructions();
        } catch (DockerfileException e) {
            throw new BuildFailedException("could not run the base image's ONBUILD triggers: " + e.getMessage(), e);
        }
    }

    private static boolean changesFiles(Instruction instruction) {
        return instruction instanceof RunInstruction || instruction instanceof CopyInstruction
                || instruction instanceof AddInstruction || instruction instanceof WorkdirInstruction;
    }

    private void step(Instruction instruction) throws Exception {
        Instruction expanded = scope.step(instruction);
        if (expanded instanceof RunInstruction run) {
            RunStep.run(this, run);
        } else if (expanded instanceof CopyInstruction || expanded instanceof AddInstruction) {
            copy(expanded);
        } else if (expanded instanceof WorkdirInstruction w) {
            workdir(w);
        } else if (expanded instanceof ArgInstruction) {
            addHistory(InstructionText.of(expanded));
        } else {
            config = ConfigSteps.apply(config, expanded, shell, cmdSet);
            if (expanded instanceof CmdInstruction) {
                cmdSet = true;
            } else if (expanded instanceof ShellInstruction s) {
                shell = s.shell();
            }
            addHistory(InstructionText.of(expanded));
        }
    }

    private void copy(Instruction expanded) throws Exception {
        CopyRequest request = expanded instanceof CopyInstruction c ? CopyRequest.of(c, workdir)
                : CopyRequest.of((AddInstruction) expanded, workdir);
        String from = expanded instanceof CopyInstruction c ? c.from() : null;
        String createdBy = InstructionText.of(expanded) + " # buildkit";
        boolean link = expanded instanceof CopyInstruction c ? c.link() : ((AddInstruction) expanded).link();
        // --link copies onto an empty tree: the layer and its key do not depend on the layers below, so a
        // changed base still finds it in the cache (BuildKit's independent layer).
        List<Digest> parents = link ? List.of() : diffIds();
        List<StoredLayer> below = link ? List.of() : layers;
        try (SourceTree source = source(from)) {
            SourceRoot root = source.keepOwners() ? SourceRoot.rootfs(source.dir()) : SourceRoot.context(source.dir());
            layerStep(InstructionText.of(expanded), createdBy,
                    () -> CacheKeys.copy(parents, expanded, CopyExecutor.selectionDigest(request, root), workdir,
                            layerInputs()),
                    below, (mount, id, started) -> ctx.copier().get().execute(request, root, mount.merged()));
        }
    }

    private SourceTree source(String from) throws Exception {
        if (from == null || from.isEmpty()) {
            return SourceTree.context(ctx.contextDir());
        }
        Optional<Integer> stage = stageIndex(from);
        if (stage.isPresent()) {
            return SourceTree.of(ctx.stageResults().get(stage.get()).join(), ctx.snapshots());
        }
        StageResult image = Images.load(ctx, from).orElseThrow(() -> new BuildFailedException(
                "could not resolve --from=" + from + ": no stage has that name and the image is not in the local "
                        + "store (load it with `shipyard image load`)"));
        return SourceTree.of(image, ctx.snapshots());
    }

    Optional<Integer> stageIndex(String from) {
        if (from.chars().allMatch(Character::isDigit) && !from.isEmpty()) {
            int index = Integer.parseInt(from);
            if (index < node.index()) {
                return Optional.of(index);
            }
        }
        return ctx.graph().stageNamed(from).map(s -> s.index()).filter(i -> i < node.index());
    }

    private void workdir(WorkdirInstruction instruction) throws Exception {
        String path = instruction.path();
        String cleaned = clean(path.startsWith("/") ? path : workdir + "/" + path);
        config = config.withWorkingDir(path.startsWith("/") ? path : cleaned);
        workdir = cleaned;
        String user = userSpec();
        layerStep(InstructionText.of(instruction), "WORKDIR " + path,
                () -> CacheKeys.workdir(diffIds(), instruction, cleaned, user, layerInputs()),
                (mount, id, started) -> {
                    SandboxUser owner = user.isEmpty() ? SandboxUser.ROOT
                            : UserResolver.resolve(mount.merged(), user).user();
                    Workdir.ensure(mount.merged(), cleaned, owner);
                });
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    static String clean(String path) {
        String normalized = Path.of("/").resolve(path).normalize().toString();
        return normalized.isEmpty() ? "/" : normalized;
    }

    /** The action of a step that changes files, run in a fresh OverlayFS mount over the stage's layers. */
    interface MountAction {
        void run(ActiveMount mount, int id, long startedNanos) throws Exception;
    }

    /** Derives a step's cache key; it may read inputs and fail like the step itself. */
    interface KeySource {
        CacheKey key() throws Exception;
    }

    /** Shows the step, takes its result from the cache when allowed, else runs it and commits its layer. */
    void layerStep(String text, String createdBy, KeySource keys, MountAction action) throws Exception {
        layerStep(text, createdBy, keys, layers, action);
    }

    /** As above, with the action's mount over {@code below} instead of the stage's layers. */
    private void layerStep(String text, String createdBy, KeySource keys, List<StoredLayer> below, MountAction action)
            throws Exception {
        int id = ctx.nextStepId();
        long started = System.nanoTime();
        position++;
        ctx.progress().started(id, title(text));
        ActiveMount mount = null;
        try {
            CacheKey key = keys.key();
            if (!ctx.options().noCache()) {
                Optional<CacheRecord> hit = ctx.index().lookup(key, ctx.blobs());
                if (hit.isPresent()) {
                    ctx.progress().cached(id);
                    addResult(hit.get(), createdBy);
                    return;
                }
            }
            mount = ctx.snapshots().prepare(ctx.snapshots().ensure(below));
            action.run(mount, id, started);
            ActiveMount done = mount;
            mount = null;
            CacheRecord record = ctx.committer().commit(done, key, ctx.options().layers());
            ctx.progress().done(id, since(started));
            addResult(record, createdBy);
        } catch (Exception e) {
            if (mount != null) {
                ctx.snapshots().abort(mount);
            }
            String message = e instanceof CopyException || e instanceof BuildFailedException
                    || e instanceof dev.shipyard.worker.sandbox.SandboxException ? e.getMessage()
                    : "could not run " + text + ": " + e.getMessage();
            ctx.progress().failed(id, since(started), message);
            throw new BuildFailedException(message, e);
        }
    }

    private void addResult(CacheRecord record, String createdBy) {
        if (record.empty()) {
            addHistory(createdBy);
            return;
        }
        StoredLayer layer = StoredLayer.of(record, ctx.blobs());
        layers.add(layer);
        config = config.addLayer(layer.diffId(), History.of(ctx.created(), createdBy).withComment(HISTORY_COMMENT));
    }

    private void addHistory(String createdBy) {
        config = config.addHistory(History.of(ctx.created(), createdBy).withComment(HISTORY_COMMENT)
                .withEmptyLayer(true));
    }

    List<Digest> diffIds() {
        return config.rootfs().diffIds();
    }

    LayerInputs layerInputs() {
        return new LayerInputs(ctx.options().layers().compression().name().toLowerCase(java.util.Locale.ROOT),
                ctx.options().layers().sourceDateEpoch());
    }

    String title(String text) {
        return "[" + label + position + "/" + total + "] " + text;
    }

    static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    String userSpec() {
        return config.config().user() == null ? "" : config.config().user();
    }

    EngineContext ctx() {
        return ctx;
    }

    StageScope scope() {
        return scope;
    }

    List<String> shell() {
        return shell;
    }

    String workdirPath() {
        return workdir;
    }
}
