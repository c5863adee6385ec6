/**
 * Channel formats: one {@link dev.vigil.alerting.notify.sender.ChannelSender} per channel type (the reference
 * implementation is {@link dev.vigil.alerting.notify.sender.WebhookSender}). A new type touches: the type check of
 * {@code alert_channels} (a migration), common's {@link dev.vigil.common.channel.ChannelType} (its fields and secrets),
 * the api-service's {@code ChannelConfigRules}, a sender here, and {@code docs/api.md}.
 */
package dev.vigil.alerting.notify.sender;
