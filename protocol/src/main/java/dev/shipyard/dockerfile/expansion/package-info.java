/**
 * Dockerfile environment replacement ({@code $VAR}, {@code ${VAR:-word}}, quotes, escapes and word
 * splitting) with BuildKit's semantics and error wording.
 */
package dev.shipyard.dockerfile.expansion;
