package dev.shipyard.protocol.jobs;

import dev.shipyard.cachekey.CacheKey;
import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.protocol.jobs.wire.EnvironmentV1;
import dev.shipyard.protocol.jobs.wire.InputsV1;
import dev.shipyard.protocol.jobs.wire.InstructionV1;
import dev.shipyard.protocol.jobs.wire.LayerV1;
import dev.shipyard.protocol.jobs.wire.LimitsV1;
import dev.shipyard.protocol.jobs.wire.MountV1;
import dev.shipyard.protocol.jobs.wire.StageOutputV1;
import dev.shipyard.protocol.jobs.wire.StepJobV1;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Maps step jobs between domain records and wire version 1. */
final class JobWire {
    static final int VERSION = 1;

    private JobWire() {
    }

    static StepJobV1 toWire(StepJob job) {
        StepRef step = job.step();
        StepEnvironment env = job.environment();
        StepInputs in = job.inputs();
        return new StepJobV1(VERSION, step.buildId(), step.stepId(), step.attempt(), job.cacheNamespace(),
                job.cacheKey().toString(), map(job.parents(), JobWire::toWire),
                new InstructionV1(job.instruction().keyword(), job.instruction().tree()),
                new EnvironmentV1(env.env(), env.user(), env.workdir(), env.shell(), env.network(),
                        map(env.mounts(), m -> new MountV1(m.type(), m.target(), m.options()))),
                new InputsV1(in.contextBlob().map(Digest::toString).orElse(null), in.selection(),
                        map(in.stages(), s -> new StageOutputV1(s.stage(), map(s.layers(), JobWire::toWire)))),
                new LimitsV1(job.limits().timeout().toMillis(), job.limits().memoryBytes(), job.limits().pids()),
                job.deadline().toString());
    }

    static StepJob fromWire(StepJobV1 w) {
        EnvironmentV1 env = required(w.environment(), "environment");
        InputsV1 in = required(w.inputs(), "inputs");
        LimitsV1 limits = required(w.limits(), "limits");
        InstructionV1 instruction = required(w.instruction(), "instruction");
        return new StepJob(new StepRef(w.buildId(), w.stepId(), w.attempt()), w.cacheNamespace(),
                CacheKey.parse(w.cacheKey()), map(required(w.parents(), "parents"), JobWire::fromWire),
                new StepInstruction(instruction.keyword(), required(instruction.tree(), "instruction.tree")),
                new StepEnvironment(env.env(), env.user(), env.workdir(), env.shell(), env.network(),
                        map(env.mounts(), m -> new StepMount(m.type(), m.target(), m.options()))),
                new StepInputs(Optional.ofNullable(in.contextBlob()).map(Digest::parse), in.selection(),
                        map(in.stages(), s -> new StageOutput(s.stage(), map(s.layers(), JobWire::fromWire)))),
                new StepLimits(Duration.ofMillis(limits.timeoutMillis()), limits.memoryBytes(), limits.pids()),
                Instant.parse(required(w.deadline(), "deadline")));
    }

    static LayerV1 toWire(ParentLayer layer) {
        Descriptor d = layer.descriptor();
        return new LayerV1(d.mediaType(), d.digest().toString(), d.size(), layer.diffId().toString());
    }

    static ParentLayer fromWire(LayerV1 w) {
        return new ParentLayer(new Descriptor(w.mediaType(), Digest.parse(w.digest()), w.size()),
                Digest.parse(w.diffId()));
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return value;
    }

    static <A, B> List<B> map(List<A> values, Function<A, B> mapping) {
        return values == null ? List.of() : values.stream().map(mapping).toList();
    }
}
