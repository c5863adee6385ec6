package dev.vigil.alerting.ingest;

/**
 * Told after a batch of results commits, so whatever evaluates them can start at once instead of at its next sweep.
 * The batch's monitors are already marked due in the database; this is only a nudge.
 */
public interface ResultsStoredListener {

    void resultsStored();
}
