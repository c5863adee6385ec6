/**
 * One-shot checks: run a check now from every region (or a monitor's check in its regions) and answer each region's
 * result to the caller within a bounded wait. Jobs go out on the regions' queues like any other; results come back
 * through the alerting service's ingest ({@code one_shot_results} for checks of no monitor, the monitor's history for
 * "run now"), and this package polls for them. See docs/architecture.md, "One-shot checks".
 */
package dev.vigil.api.oneshot;
