/**
 * The dashboard's audit log page: who changed what in the workspace and when, filtered by actor, action, resource type
 * and dates, a page at a time; read with the API's own query, so it sees only the caller's workspace.
 */
package dev.vigil.api.dashboard.audit;
