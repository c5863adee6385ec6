/**
 * Who is calling and what they may do: bearer API keys for {@code /api/v1/**} (any key reads, OWNER and ADMIN keys
 * write, a VIEWER key gets 403), explicitly listed public routes, rate limits in the chain, and problem+json answers
 * for 401, 403 and refused URLs. Every request handled for a key carries an
 * {@link dev.vigil.api.identity.ApiPrincipal} naming its workspace and role; queries are always scoped by it.
 */
package dev.vigil.api.security;
