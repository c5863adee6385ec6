/**
 * The vocabulary the schedule and the dispatcher share: a {@link dev.vigil.scheduler.round.ScheduledMonitor} (what is
 * checked, where and how often) and a {@link dev.vigil.scheduler.round.DueRound} of it. The schedule makes due rounds,
 * the dispatcher turns them into jobs; neither package needs the other's internals.
 */
package dev.vigil.scheduler.round;
