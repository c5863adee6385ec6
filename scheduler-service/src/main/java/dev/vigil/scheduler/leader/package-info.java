/**
 * Which scheduler instance is active: the one holding a PostgreSQL session-level advisory lock. The lock dies with
 * its session, so when the active instance is killed the server releases it at once and a standby takes over at its
 * next attempt. {@link dev.vigil.scheduler.leader.LeadershipState} is what other code asks ({@code isLeader()}, or a
 * listener); {@link dev.vigil.scheduler.leader.LeaderElection} is what keeps it current.
 */
package dev.vigil.scheduler.leader;
