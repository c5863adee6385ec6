/**
 * Alert channels: where notifications go (EMAIL, WEBHOOK, SLACK, DISCORD, TEAMS, PAGERDUTY, TELEGRAM, OPSGENIE, NTFY,
 * GOOGLE_CHAT, MATTERMOST, MATRIX, PUSHOVER, ZULIP, TEMPLATE_WEBHOOK, SMS, VOICE). Their
 * configuration is validated per type, URLs are vetted by the SSRF guard, and the whole configuration is sealed with
 * AES-GCM at rest and shown redacted. A test event and the delivery log go through the same outbox and deliveries the
 * alerting service's dispatcher works from.
 */
package dev.vigil.api.channel;
