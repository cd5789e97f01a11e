/**
 * Build bookkeeping that does not depend on how steps execute: admission (context checks, Dockerfile planning),
 * cancellation, image export, and the {@link dev.shipyard.coordinator.build.BuildRunner} that a scheduler implements.
 */
package dev.shipyard.coordinator.build;
