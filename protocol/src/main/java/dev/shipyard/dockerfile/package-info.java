/** Dockerfile frontend shared types: source ranges and the one exception every parsing step throws. */
package dev.shipyard.dockerfile;
