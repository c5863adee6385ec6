package dev.vigil.common.message;

/** Why a check runs. */
public enum JobKind {
    /** A regular round from the scheduler. */
    SCHEDULED,
    /** Another region asks this one to confirm a failure it saw in the same round. */
    CONFIRM,
    /** A one-off run asked for by a person ("test now"); stored, but never feeds the monitor's state. */
    ON_DEMAND
}
