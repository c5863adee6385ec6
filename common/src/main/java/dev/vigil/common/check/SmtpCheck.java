package dev.vigil.common.check;

/** A SMTP server: its greeting, optionally TLS; see {@link MailServerCheck}. */
public record SmtpCheck(String host, int port, MailTls tls, int minDaysValid) implements CheckSpec, MailServerCheck {

    public SmtpCheck {
        tls = tls == null ? MailTls.NONE : tls;
    }

    @Override
    public MonitorType type() {
        return MonitorType.SMTP;
    }

    @Override
    public String target() {
        return host + ":" + port;
    }
}
