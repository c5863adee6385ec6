/**
 * Result ingest: results from the {@code results} queue are written in batches (COPY into a staging table, then one
 * idempotent insert by job id), their monitors marked due for evaluation in the same transaction, and their messages
 * deleted only after the batch commits. While the database is down the batch is retried and the consumer, full, stops
 * receiving: results wait in SQS and nothing is lost.
 */
package dev.vigil.alerting.ingest;
