/**
 * Proof that a person holds the mailbox of their address: single-use, expiring links mailed to it (address
 * verification and password reset share the token store), the mails themselves, and the settings of both. Until an
 * account's address is proven it can sign in but joins no workspace and receives no alerts.
 */
package dev.vigil.api.verification;
