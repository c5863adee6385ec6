/**
 * SMTP, IMAP and POP3 checks: one dialogue engine ({@link dev.vigil.probe.check.mail.MailCheckExecutor}) and, per
 * protocol, its greeting and TLS upgrade ({@link dev.vigil.probe.check.mail.MailDialect}).
 */
package dev.vigil.probe.check.mail;
