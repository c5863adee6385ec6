/**
 * Who is acting: the {@link dev.vigil.api.identity.Role} a person or key holds in a workspace, and the
 * {@link dev.vigil.api.identity.ApiPrincipal} every service method takes (workspace, key, person, role, audit label).
 * It sits below every feature and depends on none: the security chain, the dashboard's session and the features all
 * speak of the caller in these terms, so none of them needs another to know who is calling.
 */
package dev.vigil.api.identity;
