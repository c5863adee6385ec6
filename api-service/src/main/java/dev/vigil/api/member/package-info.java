/**
 * Workspace members: listing, adding people by email (inviting those without an account), changing roles and
 * removing members, with the rule that a workspace always keeps an owner and an admin cannot touch owners.
 */
package dev.vigil.api.member;
