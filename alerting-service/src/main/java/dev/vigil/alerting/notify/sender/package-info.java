/**
 * Channel formats: one {@link dev.vigil.alerting.notify.sender.ChannelSender} per channel type (the reference
 * implementation is {@link dev.vigil.alerting.notify.sender.WebhookSender}). A new type touches: the type check of
 * {@code alert_channels} (a migration), the api-service's {@code ChannelType} and {@code ChannelConfigRules}, a
 * sender here, and API.md.
 */
package dev.vigil.alerting.notify.sender;
