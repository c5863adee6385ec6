/**
 * Incidents for the API: listing and reading them (with their timeline) and acknowledging an open one. Incidents are
 * opened and resolved by the alerting service; an acknowledgement is written with its timeline entry and outbox row
 * in one transaction.
 */
package dev.vigil.api.incident;
