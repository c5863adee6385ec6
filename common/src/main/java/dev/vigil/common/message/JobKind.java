package dev.vigil.common.message;

/** Why a check runs. */
public enum JobKind {
    /** A regular round from the scheduler. */
    SCHEDULED,
    /** Another region asks this one to confirm a failure it saw in the same round. */
    CONFIRM,
    /** A one-off run asked for by a person ("test now"); stored, but never feeds the monitor's state. */
    ON_DEMAND,
    /**
     * A check of no monitor ("run a check now", {@code POST /api/v1/checks/run}): its {@code monitorId} and
     * {@code roundId} are the one-shot check's id, its result is stored only in {@code one_shot_results} (where the api
     * waits for it) and never in a monitor's history.
     */
    ONE_SHOT
}
