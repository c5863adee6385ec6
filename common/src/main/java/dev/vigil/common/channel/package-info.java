/** Alert channel types as both the api-service and the alerting service know them. */
package dev.vigil.common.channel;
