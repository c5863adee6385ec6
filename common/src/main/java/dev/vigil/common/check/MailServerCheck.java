package dev.vigil.common.check;

/**
 * What the SMTP, IMAP and POP3 checks share: connect, read the server's greeting, optionally TLS (upgraded or from the
 * start) with the certificate verified and its days left judged, then end the session politely.
 */
public interface MailServerCheck {

    String host();

    int port();

    /** NONE, STARTTLS or IMPLICIT. */
    MailTls tls();

    /** With TLS: fail when the server's certificate expires in fewer days. */
    int minDaysValid();
}
