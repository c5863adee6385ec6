package dev.vigil.scheduler.leader;

/** Told when this instance becomes the active scheduler or stops being it. */
@FunctionalInterface
interface LeadershipListener {

    /**
     * Called on the election thread, in order, once per change; keep it short (hand long work to your own thread).
     *
     * @param leader true on becoming active, false on stepping down
     */
    void leadershipChanged(boolean leader);
}
