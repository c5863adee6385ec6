/**
 * Keeping the results store in shape: on plain PostgreSQL, daily partitions of {@code check_results}, the hourly and
 * daily rollups and retention, kept by a scheduled job (TimescaleDB does the same with its own policies, set up by the
 * migrations); on both, retention of round verdicts and heartbeat pings.
 */
package dev.vigil.alerting.storage;
