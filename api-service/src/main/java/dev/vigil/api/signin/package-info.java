/**
 * Signing in: password checks behind a lock-out per address that grows with each failure and holds across api
 * instances (it lives in PostgreSQL), password reset by a mailed single-use link, and optional TOTP two-factor sign-in
 * with single-use recovery codes.
 */
package dev.vigil.api.signin;
