package dev.shipyard.graph;

/** What a stage starts from: an image, nothing, or an earlier stage's result. */
public sealed interface BaseRef {

    /** The base as the Dockerfile names it after expansion. */
    String display();

    /** An image reference, resolved later against the local store or a registry. */
    record Image(String reference) implements BaseRef {
        @Override
        public String display() {
            return reference;
        }
    }

    /** {@code FROM scratch}: an empty filesystem. */
    record Scratch() implements BaseRef {
        @Override
        public String display() {
            return "scratch";
        }
    }

    /** {@code FROM <stage>}: the filesystem and config of an earlier stage. */
    record Stage(int index, String name) implements BaseRef {
        @Override
        public String display() {
            return name;
        }
    }
}
