/**
 * People and tenants: sign-up, users, workspaces and who belongs to which with what role. A user may belong to several
 * workspaces; every resource belongs to exactly one workspace.
 */
package dev.vigil.api.account;
