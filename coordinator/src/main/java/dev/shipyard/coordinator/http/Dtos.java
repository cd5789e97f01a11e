package dev.shipyard.coordinator.http;

import dev.shipyard.coordinator.state.BuildEvent;
import dev.shipyard.coordinator.state.BuildPage;
import dev.shipyard.coordinator.state.BuildRecord;
import dev.shipyard.coordinator.state.StepRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the HTTP API (version 1), kept apart from the domain records they are made from. */
final class Dtos {
    private Dtos() {
    }

    /** The answer to an accepted build. */
    record Accepted(String id, String state) {
    }

    /** A failure: what is wrong in words, and the facts a client can act on. */
    record Error(String error, Map<String, Object> detail) {
    }

    record Build(String id, String state, String dockerfile, List<String> tags, Map<String, String> buildArgs,
                 String target, Map<String, String> labels, boolean noCache, String platform, String output,
                 String contextDigest, String createdAt, String startedAt, String finishedAt, Long durationMs,
                 String imageDigest, String error, List<Step> steps) {

        static Build of(BuildRecord r) {
            return new Build(r.id(), r.state().wireName(), r.request().dockerfile(), r.request().tags(),
                    r.request().buildArgs(), r.request().target(), r.request().labels(), r.request().noCache(),
                    r.request().platform(), r.request().output(), r.contextDigest(), time(r.createdMillis()),
                    time(r.startedMillis()), time(r.finishedMillis()), duration(r.startedMillis(), r.finishedMillis()),
                    r.imageDigest(), r.error(), r.steps().stream().map(Step::of).toList());
        }
    }

    record Step(String id, int stage, int number, int line, String instruction, String state, String worker,
                String startedAt, String finishedAt, Long durationMs, String cacheKey, String layerDigest,
                String error) {

        static Step of(StepRecord s) {
            return new Step(s.id(), s.stage(), s.number(), s.line(), s.instruction(), s.state().wireName(),
                    s.worker(), time(s.startedMillis()), time(s.finishedMillis()),
                    duration(s.startedMillis(), s.finishedMillis()), s.cacheKey(), s.layerDigest(), s.error());
        }
    }

    /** A page of builds; {@code next} is the {@code after} value of the following page, absent on the last. */
    record BuildList(List<Build> builds, String next) {
        static BuildList of(BuildPage page) {
            return new BuildList(page.builds().stream().map(Build::of).toList(), page.next());
        }
    }

    /** The data of one server-sent event; {@code type} repeats the SSE event name. */
    record Event(String type, String buildId, String at, String state, String stepId, String worker,
                 String cacheKey, String layerDigest, String imageDigest, String stream, String text, String error) {

        static Event of(BuildEvent event) {
            String at = time(event.atMillis());
            if (event instanceof BuildEvent.StateChanged s) {
                return new Event("state", s.buildId(), at, s.state().wireName(), null, null, null, null,
                        s.imageDigest(), null, null, s.error());
            }
            if (event instanceof BuildEvent.StepChanged s) {
                return new Event("step", s.buildId(), at, s.state().wireName(), s.stepId(), s.worker(), s.cacheKey(),
                        s.layerDigest(), null, null, null, s.error());
            }
            BuildEvent.StepOutput o = (BuildEvent.StepOutput) event;
            return new Event("output", o.buildId(), at, null, o.stepId(), null, null, null, null, o.stream(),
                    o.text(), null);
        }
    }

    private static String time(long millis) {
        return millis == 0 ? null : Instant.ofEpochMilli(millis).toString();
    }

    private static Long duration(long started, long finished) {
        return started == 0 || finished == 0 ? null : finished - started;
    }
}
