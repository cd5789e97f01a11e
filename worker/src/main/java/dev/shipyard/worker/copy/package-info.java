/** COPY and ADD as BuildKit executes them: source selection, chroot-like path resolution, archives and URLs. */
package dev.shipyard.worker.copy;
