package dev.vigil.scheduler.fleet;

/**
 * Whether this instance is the active scheduler. Self-healing acts only there, so two instances never scale the same
 * service against each other. Kept to one method so a change in how the scheduler elects its leader only changes the
 * bean that implements it ({@link FleetConfiguration}).
 */
@FunctionalInterface
interface LeaderCheck {

    boolean isLeader();
}
