/**
 * Request rate limits: token buckets per client IP on the routes anyone may call (sign-up, accepting an invitation)
 * and per API key on the rest, answered 429 with {@code Retry-After}. In memory, per instance.
 */
package dev.vigil.api.ratelimit;
