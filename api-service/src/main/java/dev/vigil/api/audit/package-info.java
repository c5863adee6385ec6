/**
 * The audit log: who (a person, through which API key) changed what (monitors, alert channels, keys, members, the
 * workspace) and when, written in the transaction of each change and readable through {@code GET /api/v1/audit-log}.
 * Other features record entries through {@link dev.vigil.api.audit.AuditLog}.
 */
package dev.vigil.api.audit;
