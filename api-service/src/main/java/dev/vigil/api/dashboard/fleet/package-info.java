/**
 * The dashboard's probe page: the deployment's regions, the probe instances the alerting service has heard from (their
 * version, last heartbeat, load, whether they are live), and the plugins PLUGIN monitors can use. Not tenant data: the
 * same for every workspace, and read only.
 */
package dev.vigil.api.dashboard.fleet;
