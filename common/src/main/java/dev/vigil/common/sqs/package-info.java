/**
 * SQS plumbing shared by the services: the client (with an endpoint override for ElasticMQ), queue lookup and
 * idempotent creation, a publisher that batches, and {@link dev.vigil.common.sqs.QueueConsumer}, the long-polling
 * consumer with priorities, bounded in-flight work and a graceful drain.
 */
package dev.vigil.common.sqs;
