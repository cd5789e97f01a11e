package dev.shipyard.dockerfile.instructions;

/** Expands one Dockerfile word ({@code $VAR}, {@code ${VAR:-default}}, quote removal) as BuildKit's shell lexer does. */
@FunctionalInterface
public interface WordExpander {

    /** The word after expansion; implementations throw {@code DockerfileException} for bad syntax. */
    String expand(String word);
}
