/**
 * The built-in runtime: Linux namespaces, {@code pivot_root} and cgroups without any container runtime.
 *
 * <p>The JVM cannot fork into namespaces safely, so a small C launcher ({@code src/main/c/sandbox-init.c})
 * does the kernel work. It was chosen over chaining util-linux tools or busybox applets because one
 * static binary does it in a single exec (a few milliseconds), needs nothing from the host or the image at
 * run time, detaches the host's root entirely ({@code pivot_root(".", ".")}, so no directory is ever
 * created in the rootfs for it), and reports its outcome on a separate channel so that a failing
 * command is never mistaken for a broken sandbox. The namespace's PID 1 is the launcher itself: when it
 * exits or its parent dies, the kernel kills every process the step left, and the mount namespace with
 * all its mounts goes with them.
 */
package dev.shipyard.worker.sandbox.linux;
