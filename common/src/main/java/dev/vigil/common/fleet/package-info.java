/**
 * What the probe fleet can run, as the probes' heartbeats tell it: the one definition of "a region can run BROWSER
 * checks" that the scheduler (where jobs go), the alerting service (whom a failure waits for) and the API (what a
 * monitor's page says) share.
 */
package dev.vigil.common.fleet;
