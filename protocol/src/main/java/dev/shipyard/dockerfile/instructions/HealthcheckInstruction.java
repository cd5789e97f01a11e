package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.SourceRange;
import java.time.Duration;
import java.util.List;

/**
 * {@code HEALTHCHECK NONE} or {@code HEALTHCHECK [options] CMD command}.
 *
 * @param test the image config test: {@code [NONE]}, {@code [CMD, argv...]} or {@code [CMD-SHELL, text]}
 * @param interval the {@code --interval}, zero when absent (the runtime default applies)
 * @param timeout the {@code --timeout}, zero when absent
 * @param startPeriod the {@code --start-period}, zero when absent
 * @param startInterval the {@code --start-interval}, zero when absent
 * @param retries the {@code --retries}, zero when absent
 */
public record HealthcheckInstruction(SourceRange range, String original, List<String> test, Duration interval,
                                     Duration timeout, Duration startPeriod, Duration startInterval, int retries)
        implements Instruction {

    public HealthcheckInstruction {
        test = List.copyOf(test);
    }

    @Override
    public String keyword() {
        return "HEALTHCHECK";
    }

    /** True for {@code HEALTHCHECK NONE}, which disables a health check inherited from the base image. */
    public boolean disabled() {
        return test.size() == 1 && test.get(0).equals("NONE");
    }
}
