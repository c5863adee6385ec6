/**
 * Repeated and summary notifications a workspace asks for: an alert channel's reminder interval (an open,
 * unacknowledged incident's alert repeated every N minutes) and the workspace's daily or weekly summary email. The
 * alerting service acts on both (alerting.notify.Reminders, SummaryWriter); this package validates and stores them.
 */
package dev.vigil.api.reminder;
