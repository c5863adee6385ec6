/**
 * Sign-up: a new person, their workspace with them as its owner, and a first API key, in one transaction (for the
 * API's {@code POST /api/v1/signup} and the dashboard's sign-up form). It builds on the account and key features,
 * which know nothing of it.
 */
package dev.vigil.api.signup;
