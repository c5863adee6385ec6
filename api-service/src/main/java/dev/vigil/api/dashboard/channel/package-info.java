/**
 * Alert channel pages: the list, create and edit forms for every type, test events, the delivery log and delete.
 * Changes go through the API's channel controller as a service, so validation, auditing and limits are the API's own.
 */
package dev.vigil.api.dashboard.channel;
