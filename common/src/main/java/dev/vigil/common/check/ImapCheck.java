package dev.vigil.common.check;

/** A IMAP server: its greeting, optionally TLS; see {@link MailServerCheck}. */
public record ImapCheck(String host, int port, MailTls tls, int minDaysValid) implements CheckSpec, MailServerCheck {

    public ImapCheck {
        tls = tls == null ? MailTls.NONE : tls;
    }

    @Override
    public MonitorType type() {
        return MonitorType.IMAP;
    }

    @Override
    public String target() {
        return host + ":" + port;
    }
}
