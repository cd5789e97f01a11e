/**
 * The coordinator's HTTP API on Vert.x: {@link dev.shipyard.coordinator.http.CoordinatorVerticle} serves the routes
 * of {@link dev.shipyard.coordinator.http.HttpApi}, described in {@code openapi.yaml}. The only package that knows
 * Vert.x.
 */
package dev.shipyard.coordinator.http;
