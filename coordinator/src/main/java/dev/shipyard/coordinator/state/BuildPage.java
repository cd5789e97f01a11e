package dev.shipyard.coordinator.state;

import java.util.List;

/** One page of builds in id order; {@code next} is the id to ask after for the following page, or null. */
public record BuildPage(List<BuildRecord> builds, String next) {
    public BuildPage {
        builds = List.copyOf(builds);
    }
}
