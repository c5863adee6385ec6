/**
 * Vigil's AWS deployment as code (AWS CDK): a home region holding the database, the queues, the API behind a load
 * balancer, the scheduler and the alerting service, and one probe fleet in every probe region. The queue topology is
 * taken from {@link dev.vigil.common.queue.QueueTopology}, the code the services run, so names and attributes agree.
 */
package dev.vigil.infra;
