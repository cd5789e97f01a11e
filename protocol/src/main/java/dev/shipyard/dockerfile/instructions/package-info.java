/**
 * Stage two of the Dockerfile frontend: typed, still unexpanded instructions grouped into stages, modelled on
 * BuildKit's {@code frontend/dockerfile/instructions}.
 */
package dev.shipyard.dockerfile.instructions;
