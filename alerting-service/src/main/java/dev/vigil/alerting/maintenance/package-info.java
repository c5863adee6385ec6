/**
 * Maintenance windows as the alerting service sees them: a monitor inside one has its results stored and its status
 * kept, but no incident is opened (docs/architecture.md: maintenance suppresses alerts, not data).
 */
package dev.vigil.alerting.maintenance;
