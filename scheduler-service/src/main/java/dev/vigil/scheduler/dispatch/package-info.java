/** Putting due rounds on the queues: one {@code CheckJob} per region, sent in batches of ten. */
package dev.vigil.scheduler.dispatch;
