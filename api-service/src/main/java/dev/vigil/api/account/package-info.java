/**
 * People and tenants: users, workspaces and who belongs to which with what role (OWNER, ADMIN, VIEWER), the rules for
 * email addresses, passwords and workspace names, and the workspace lock that serialises quota and last-owner checks.
 * A user may belong to several workspaces; every resource belongs to exactly one workspace. Passwords are kept as
 * bcrypt hashes; an invited user has none until they accept. Sign-up lives in {@code signup}, above this package.
 */
package dev.vigil.api.account;
