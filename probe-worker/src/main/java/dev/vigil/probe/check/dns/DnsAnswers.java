package dev.vigil.probe.check.dns;

import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

/**
 * DNS records as the text assertions compare: an address for A and AAAA, a name without its final dot for CNAME and
 * NS, {@code "priority name"} for MX, the joined strings for TXT.
 */
final class DnsAnswers {

    private DnsAnswers() {
    }

    static String text(Record record) {
        return switch (record) {
            case ARecord a -> a.getAddress().getHostAddress();
            case AAAARecord aaaa -> aaaa.getAddress().getHostAddress();
            case CNAMERecord cname -> cname.getTarget().toString(true);
            case NSRecord ns -> ns.getTarget().toString(true);
            case MXRecord mx -> mx.getPriority() + " " + mx.getTarget().toString(true);
            case TXTRecord txt -> String.join("", txt.getStrings());
            default -> record.rdataToString();
        };
    }

    static String summary(List<String> answers) {
        List<String> shown = answers.stream().limit(5).toList();
        return String.join(", ", shown) + (answers.size() > 5 ? " and " + (answers.size() - 5) + " more" : "");
    }
}
