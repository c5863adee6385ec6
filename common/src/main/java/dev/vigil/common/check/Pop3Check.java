package dev.vigil.common.check;

/** A POP3 server: its greeting, optionally TLS; see {@link MailServerCheck}. */
public record Pop3Check(String host, int port, MailTls tls, int minDaysValid) implements CheckSpec, MailServerCheck {

    public Pop3Check {
        tls = tls == null ? MailTls.NONE : tls;
    }

    @Override
    public MonitorType type() {
        return MonitorType.POP3;
    }

    @Override
    public String target() {
        return host + ":" + port;
    }
}
