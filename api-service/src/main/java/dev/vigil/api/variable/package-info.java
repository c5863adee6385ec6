/**
 * Workspace variables: named secrets (tokens, passwords) that multi-step API checks use as {@code {{vars.NAME}}}.
 * Set and deleted by writers, listed by name only; values are sealed with the secret keyring and never shown back.
 */
package dev.vigil.api.variable;
