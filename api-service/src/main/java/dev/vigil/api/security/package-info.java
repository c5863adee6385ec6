/**
 * Who is calling: bearer API keys for {@code /api/v1/**}, explicitly listed public routes, and problem+json answers
 * for 401 and 403. Every request handled for a key carries an {@link dev.vigil.api.security.ApiPrincipal} naming its
 * workspace; queries are always scoped by it.
 */
package dev.vigil.api.security;
