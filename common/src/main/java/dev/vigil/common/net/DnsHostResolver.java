package dev.vigil.common.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Resolves host names by asking chosen name servers directly (dnsjava: no cache, no search list, no
 * {@code /etc/hosts}), for A and AAAA records. For SaaS deployments that resolve tenants' names through public
 * resolvers rather than the machine's own, which knows internal zones (and for tests, through a DNS server they run).
 */
public final class DnsHostResolver implements HostResolver {

    private final Resolver resolver;

    public DnsHostResolver(List<InetSocketAddress> servers, Duration timeout) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("at least one name server is needed");
        }
        List<Resolver> each = servers.stream().<Resolver>map(SimpleResolver::new).toList();
        ExtendedResolver extended = new ExtendedResolver(each);
        extended.setTimeout(timeout);
        extended.setRetries(1);
        this.resolver = extended;
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        Name name;
        try {
            name = Name.fromString(host.endsWith(".") ? host : host + ".");
        } catch (TextParseException e) {
            throw new UnknownHostException(host + ": not a DNS name");
        }
        List<InetAddress> addresses = new ArrayList<>();
        addresses.addAll(query(host, name, Type.A));
        addresses.addAll(query(host, name, Type.AAAA));
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host);
        }
        return addresses;
    }

    private List<InetAddress> query(String host, Name name, int type) throws UnknownHostException {
        Message response;
        try {
            response = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
        } catch (IOException e) {
            throw new UnknownHostException(host + ": no answer from the name servers (" + e.getMessage() + ")");
        }
        if (response.getRcode() != Rcode.NOERROR) {
            return List.of();
        }
        List<InetAddress> addresses = new ArrayList<>();
        // A recursive answer holds the CNAME chain and the final addresses; only the addresses matter here.
        for (Record record : response.getSection(Section.ANSWER)) {
            if (record instanceof ARecord a) {
                addresses.add(InetAddress.getByAddress(host, a.getAddress().getAddress()));
            } else if (record instanceof AAAARecord aaaa) {
                addresses.add(InetAddress.getByAddress(host, aaaa.getAddress().getAddress()));
            }
        }
        return addresses;
    }
}
