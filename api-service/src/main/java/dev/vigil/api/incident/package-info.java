/**
 * Incidents for the API: listing and reading them (with their timeline), acknowledging an open one, incidents people
 * declare (no monitor; a title, severity and the status-page components they affect), links from monitor-opened
 * incidents to a declared one, public updates (which change a declared incident's impact and resolve it) and
 * postmortems. Monitor-opened incidents are opened and resolved by the alerting service; an acknowledgement is written
 * with its timeline entry and outbox row in one transaction.
 */
package dev.vigil.api.incident;
