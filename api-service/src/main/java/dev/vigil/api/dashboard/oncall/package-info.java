/**
 * The dashboard's on-call pages: rotations (members, hand-over, overrides, who is on call now and next), each
 * member's on-call contact, and monitors' escalation policies. They call the same services as the REST API
 * ({@code dev.vigil.api.escalation}), so validation, workspace isolation and the audit are the API's; viewers read,
 * only admins and owners change.
 */
package dev.vigil.api.dashboard.oncall;
