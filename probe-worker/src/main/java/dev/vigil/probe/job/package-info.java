/**
 * From queue to result: reading the region's queues, running each job, publishing its result before the job's
 * message is deleted (at-least-once; results are idempotent by job id).
 */
package dev.vigil.probe.job;
