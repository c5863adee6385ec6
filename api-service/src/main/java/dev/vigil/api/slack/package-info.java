/**
 * Slack interactivity: the request URL a workspace's Slack app sends button presses to. A press of the Acknowledge
 * button in a Vigil alert, once Slack's request signature (the channel's signing secret) and the button's own tag
 * check out, acknowledges the incident within the channel's workspace, with an audit entry naming the Slack user.
 */
package dev.vigil.api.slack;
