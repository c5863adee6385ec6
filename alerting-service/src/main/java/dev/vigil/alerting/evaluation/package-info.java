/**
 * The monitor state machine. Probed monitors: each round is judged by cross-region quorum ({@code RoundJudge}: DOWN
 * only when the first failure is confirmed by enough other regions within the confirmation window), decided rounds
 * are applied in order ({@code StateMachine}: recovery after N good rounds, DEGRADED after slow rounds, flapping held
 * as one incident), and the effects written in the same transaction (incident, timeline, outbox, transition rows).
 * Heartbeat monitors: pings and overdue beats. Several alerting instances may run: each monitor's evaluation holds
 * its {@code monitor_states} row lock.
 */
package dev.vigil.alerting.evaluation;
