/**
 * .dockerignore rules (moby patternmatcher semantics) and the selection of build-context files they imply.
 */
package dev.shipyard.dockerfile.ignore;
