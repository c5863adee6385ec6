/**
 * Escalation policies (per monitor: levels of channels, and the minutes until the next level when nobody
 * acknowledges) and on-call rotations (members in turn, daily or weekly). The alerting service's dispatcher acts on
 * them; this package only validates and stores them.
 */
package dev.vigil.api.escalation;
