/** The step engine: runs a build graph in one process over snapshots, the sandbox, COPY/ADD and a local cache index. */
package dev.shipyard.worker.engine;
