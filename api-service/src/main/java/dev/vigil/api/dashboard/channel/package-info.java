/**
 * Alert channel pages: the list, create and edit forms for every type, test events, the delivery log and delete.
 * Changes go through the same {@link dev.vigil.api.channel.Channels} service as the API, so validation, auditing and
 * limits are the API's own.
 */
package dev.vigil.api.dashboard.channel;
