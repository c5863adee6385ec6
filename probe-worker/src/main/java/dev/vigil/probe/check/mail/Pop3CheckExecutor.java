package dev.vigil.probe.check.mail;

import dev.vigil.common.check.MonitorType;
import dev.vigil.common.check.Pop3Check;
import dev.vigil.probe.net.Connector;
import dev.vigil.probe.net.TlsTrust;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** POP3 checks: the greeting, optionally TLS; see {@link MailCheckExecutor}. */
@Component
class Pop3CheckExecutor extends MailCheckExecutor<Pop3Check> {

    Pop3CheckExecutor(Connector connector, TlsTrust trust, Clock clock) {
        super(MonitorType.POP3, Pop3Check.class, MailDialect.POP3, connector, trust, clock);
    }
}
