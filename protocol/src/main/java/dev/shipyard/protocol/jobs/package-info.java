/**
 * Step jobs, step events and control messages exchanged between the coordinator and the workers, as domain
 * records, with {@link dev.shipyard.protocol.jobs.JobCodec} turning them into versioned wire JSON and back.
 * Nothing here knows the transport.
 */
package dev.shipyard.protocol.jobs;
