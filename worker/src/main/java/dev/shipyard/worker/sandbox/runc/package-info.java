/**
 * The runc runtime: one OCI bundle ({@code config.json}) and one {@code runc run} per step, selected with
 * {@code worker.runtime=runc}.
 */
package dev.shipyard.worker.sandbox.runc;
