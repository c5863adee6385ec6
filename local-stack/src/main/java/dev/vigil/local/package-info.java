/**
 * The whole of Vigil in one JVM: an embedded ElasticMQ, PostgreSQL (the one at {@code VIGIL_DB_URL}, or an embedded
 * one with its data under the user's home), the alerting, scheduler and api services and a probe per local region,
 * each in its own Spring application context. Used by {@code bin/vigil-local} and by the end-to-end test.
 */
package dev.vigil.local;
