package dev.vigil.probe.check.mail;

import dev.vigil.common.check.MonitorType;
import dev.vigil.common.check.ImapCheck;
import dev.vigil.probe.net.Connector;
import dev.vigil.probe.net.TlsTrust;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** IMAP checks: the greeting, optionally TLS; see {@link MailCheckExecutor}. */
@Component
class ImapCheckExecutor extends MailCheckExecutor<ImapCheck> {

    ImapCheckExecutor(Connector connector, TlsTrust trust, Clock clock) {
        super(MonitorType.IMAP, ImapCheck.class, MailDialect.IMAP, connector, trust, clock);
    }
}
