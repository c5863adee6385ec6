/**
 * The queue topology of docs/architecture.md: which queues exist ({@link dev.vigil.common.queue.QueueNames}), how a
 * monitor's interval maps to a frequency bucket ({@link dev.vigil.common.queue.FrequencyBucket}), each queue's
 * attributes and dead-letter queue ({@link dev.vigil.common.queue.QueueTopology}), and their idempotent creation.
 */
package dev.vigil.common.queue;
