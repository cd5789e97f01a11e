package dev.shipyard.worker.kafka;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.shipyard.cachekey.CacheKey;
import dev.shipyard.oci.Descriptor;
import dev.shipyard.oci.Digest;
import dev.shipyard.protocol.jobs.ParentLayer;
import dev.shipyard.protocol.jobs.StepEnvironment;
import dev.shipyard.protocol.jobs.StepInputs;
import dev.shipyard.protocol.jobs.StepInstruction;
import dev.shipyard.protocol.jobs.StepJob;
import dev.shipyard.protocol.jobs.StepLimits;
import dev.shipyard.protocol.jobs.StepRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Step jobs for tests: each name gives its own cache key and its own parent chain. */
final class Jobs {
    private Jobs() {
    }

    static StepJob job(String buildId, String name) {
        ParentLayer parent = new ParentLayer(new Descriptor(FakeExecutor.MEDIA_TYPE, Digest.sha256("blob " + name), 10),
                Digest.sha256("parent " + name));
        return new StepJob(new StepRef(buildId, name, 1), "test", new CacheKey(Digest.sha256(buildId + " " + name)),
                List.of(parent), new StepInstruction("RUN", JsonNodeFactory.instance.textNode("make " + name)),
                StepEnvironment.defaults(), StepInputs.none(), new StepLimits(Duration.ofMinutes(1), 0, 0),
                Instant.now().plus(Duration.ofHours(1)));
    }
}
