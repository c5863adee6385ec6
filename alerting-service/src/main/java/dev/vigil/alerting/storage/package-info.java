/**
 * Keeping the results store in shape: on plain PostgreSQL, daily partitions of {@code check_results} are created ahead
 * of time (TimescaleDB makes its chunks itself).
 */
package dev.vigil.alerting.storage;
