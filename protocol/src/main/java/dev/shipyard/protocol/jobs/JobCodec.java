package dev.shipyard.protocol.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.shipyard.protocol.jobs.wire.ControlV1;
import dev.shipyard.protocol.jobs.wire.StepEventV1;
import dev.shipyard.protocol.jobs.wire.StepJobV1;
import java.io.IOException;
import java.util.function.Function;

/**
 * Turns step jobs, step events and control messages into versioned JSON bytes and back. Decoding fails with a
 * {@link MalformedMessageException} that says what is wrong: not JSON, no or an unknown schema version, an
 * unknown type, a missing or invalid field. Unknown fields are ignored, so a newer writer may add some.
 * Thread-safe.
 */
public final class JobCodec {
    /** The schema version this codec writes and the only one it reads. */
    public static final int VERSION = JobWire.VERSION;
    private static final String CANCEL_STEP = "cancel-step";

    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    public byte[] encode(StepJob job) {
        return write(JobWire.toWire(job));
    }

    public byte[] encode(StepEvent event) {
        return write(EventWire.toWire(event));
    }

    public byte[] encode(CancelStep cancel) {
        return write(new ControlV1(VERSION, CANCEL_STEP, cancel.buildId(), cancel.stepId()));
    }

    public StepJob decodeJob(byte[] bytes) {
        return decode(bytes, "step job", StepJobV1.class, JobWire::fromWire);
    }

    public StepEvent decodeEvent(byte[] bytes) {
        return decode(bytes, "step event", StepEventV1.class, EventWire::fromWire);
    }

    public CancelStep decodeControl(byte[] bytes) {
        return decode(bytes, "control message", ControlV1.class, w -> {
            if (!CANCEL_STEP.equals(w.type())) {
                throw new IllegalArgumentException("unknown control type '" + w.type() + "' (known: cancel-step)");
            }
            return new CancelStep(w.buildId(), w.stepId());
        });
    }

    private byte[] write(Object wire) {
        try {
            return mapper.writeValueAsBytes(wire);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode " + wire.getClass().getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private <W, T> T decode(byte[] bytes, String what, Class<W> wireType, Function<W, T> toDomain) {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedMessageException("could not decode " + what + ": the message is empty");
        }
        JsonNode tree = readTree(bytes, what);
        JsonNode version = tree.get("v");
        if (version == null || !version.isInt()) {
            throw new MalformedMessageException("could not decode " + what
                    + ": no integer schema version field 'v'; is it a Shipyard message?");
        }
        if (version.intValue() != VERSION) {
            throw new MalformedMessageException("could not decode " + what + ": unsupported schema version "
                    + version.intValue() + " (this Shipyard reads version " + VERSION
                    + "); run the same Shipyard version on coordinators and workers");
        }
        try {
            return toDomain.apply(mapper.treeToValue(tree, wireType));
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("could not decode " + what + ": " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            throw new MalformedMessageException("could not decode " + what + ": " + e.getMessage(), e);
        }
    }

    private JsonNode readTree(byte[] bytes, String what) {
        try {
            JsonNode tree = mapper.readTree(bytes);
            if (tree == null || !tree.isObject()) {
                throw new MalformedMessageException("could not decode " + what + ": expected a JSON object");
            }
            return tree;
        } catch (IOException e) {
            throw new MalformedMessageException("could not decode " + what + ": not JSON ("
                    + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }
}
