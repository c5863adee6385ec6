/**
 * Which scheduler instance is active, and how far it has sent: a PostgreSQL session-level advisory lock plus a lease
 * row ({@code scheduler_leases}: epoch, watermarks, heartbeat). {@link dev.vigil.scheduler.leader.LeadershipState} is
 * what other code asks ({@code isLeader()}, or a listener); {@link dev.vigil.scheduler.leader.RoundWatermark} is where
 * the scheduling loop records each turn before sending it, so a successor continues exactly there;
 * {@code LeaderElection} keeps the lease current, and {@code LeaderLease} holds the rules for handing it over, for a
 * killed leader and for a database outage (see docs/architecture.md, "The active scheduler").
 */
package dev.vigil.scheduler.leader;
