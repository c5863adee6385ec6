/**
 * Request rate limits: token buckets in PostgreSQL, shared by every api-service instance, per client IP on the routes
 * anyone may call (sign-up, accepting an invitation, status page forms), per API key on the rest, and per route on
 * costly or abusable actions (channel test sends, "test now", every dashboard form); answered 429 with
 * {@code Retry-After} and a problem document.
 */
package dev.vigil.api.ratelimit;
