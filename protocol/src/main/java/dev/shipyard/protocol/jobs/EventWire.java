package dev.shipyard.protocol.jobs;

import static dev.shipyard.protocol.jobs.JobWire.map;
import static dev.shipyard.protocol.jobs.JobWire.required;

import dev.shipyard.oci.Digest;
import dev.shipyard.protocol.jobs.wire.LayerResultV1;
import dev.shipyard.protocol.jobs.wire.StepEventV1;
import dev.shipyard.protocol.jobs.wire.StepRefV1;
import java.time.Instant;
import java.util.Locale;

/** Maps step events between domain records and wire version 1. */
final class EventWire {
    private EventWire() {
    }

    static StepEventV1 toWire(StepEvent event) {
        String at = event.at().toString();
        if (event instanceof StepEvent.Started s) {
            return of("started", s.step(), s.worker(), at, null, null, null, null, null, null, null, null);
        }
        if (event instanceof StepEvent.Output o) {
            return of("output", o.step(), null, at, o.stream().name().toLowerCase(Locale.ROOT), o.line(), o.seq(),
                    null, null, null, null, null);
        }
        if (event instanceof StepEvent.Finished f) {
            LayerResult l = f.layer();
            return of("finished", f.step(), f.worker(), at, null, null, null,
                    new LayerResultV1(l.digest().toString(), l.diffId().toString(), l.size(), l.mediaType()),
                    f.cached(), null, null, null);
        }
        if (event instanceof StepEvent.Failed f) {
            return of("failed", f.step(), f.worker(), at, null, null, null, null, null,
                    f.kind().name().toLowerCase(Locale.ROOT), f.message(), f.lastLines());
        }
        StepEvent.Heartbeat h = (StepEvent.Heartbeat) event;
        return new StepEventV1(JobWire.VERSION, "heartbeat", null, null, null, h.worker(), at, null, null, null,
                null, null, null, null, null,
                map(h.running(), r -> new StepRefV1(r.buildId(), r.stepId(), r.attempt())));
    }

    private static StepEventV1 of(String type, StepRef step, String worker, String at, String stream, String line,
            Long seq, LayerResultV1 layer, Boolean cached, String kind, String message, java.util.List<String> lines) {
        return new StepEventV1(JobWire.VERSION, type, step.buildId(), step.stepId(), step.attempt(), worker, at,
                stream, line, seq, layer, cached, kind, message, lines, null);
    }

    static StepEvent fromWire(StepEventV1 w) {
        String type = required(w.type(), "type");
        Instant at = Instant.parse(required(w.at(), "at"));
        switch (type) {
            case "started":
                return new StepEvent.Started(step(w), w.worker(), at);
            case "output":
                return new StepEvent.Output(step(w), OutputStream.valueOf(upper(w.stream(), "stream")),
                        required(w.line(), "line"), required(w.seq(), "seq"), at);
            case "finished":
                LayerResultV1 l = required(w.layer(), "layer");
                return new StepEvent.Finished(step(w), w.worker(), new LayerResult(Digest.parse(l.digest()),
                        Digest.parse(l.diffId()), l.size(), l.mediaType()), Boolean.TRUE.equals(w.cached()), at);
            case "failed":
                return new StepEvent.Failed(step(w), w.worker(), FailureKind.valueOf(upper(w.kind(), "kind")),
                        required(w.message(), "message"), w.lastLines(), at);
            case "heartbeat":
                return new StepEvent.Heartbeat(w.worker(),
                        map(w.running(), r -> new StepRef(r.buildId(), r.stepId(), r.attempt())), at);
            default:
                throw new IllegalArgumentException("unknown event type '" + type
                        + "' (known: started, output, finished, failed, heartbeat)");
        }
    }

    private static StepRef step(StepEventV1 w) {
        return new StepRef(w.buildId(), w.stepId(), required(w.attempt(), "attempt"));
    }

    private static String upper(String value, String field) {
        return required(value, field).toUpperCase(Locale.ROOT);
    }
}
