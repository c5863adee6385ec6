package dev.vigil.common.check;

/** How a mail server check ({@link MailServerCheck}) uses TLS. */
public enum MailTls {
    /** Plain text only: the banner is read and the session ended. */
    NONE,
    /** Plain text, then the protocol's upgrade (SMTP STARTTLS, IMAP STARTTLS, POP3 STLS), which must succeed. */
    STARTTLS,
    /** TLS from the first byte (SMTPS 465, IMAPS 993, POP3S 995). */
    IMPLICIT
}
