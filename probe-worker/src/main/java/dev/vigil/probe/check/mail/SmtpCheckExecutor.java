package dev.vigil.probe.check.mail;

import dev.vigil.common.check.MonitorType;
import dev.vigil.common.check.SmtpCheck;
import dev.vigil.probe.net.Connector;
import dev.vigil.probe.net.TlsTrust;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** SMTP checks: the greeting, optionally TLS; see {@link MailCheckExecutor}. */
@Component
class SmtpCheckExecutor extends MailCheckExecutor<SmtpCheck> {

    SmtpCheckExecutor(Connector connector, TlsTrust trust, Clock clock) {
        super(MonitorType.SMTP, SmtpCheck.class, MailDialect.SMTP, connector, trust, clock);
    }
}
