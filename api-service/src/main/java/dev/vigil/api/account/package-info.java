/**
 * People and tenants: sign-up, users, workspaces and who belongs to which with what role (OWNER, ADMIN, VIEWER). A
 * user may belong to several workspaces; every resource belongs to exactly one workspace. Passwords are kept as
 * bcrypt hashes; an invited user has none until they accept.
 */
package dev.vigil.api.account;
