/**
 * The schedule: which monitor's round is due when. Each monitor runs at a stable phase within its interval (from a
 * hash of its id), on absolute instants ({@code k * interval + phase}), so load is flat and nothing drifts.
 */
package dev.vigil.scheduler.schedule;
