package dev.vigil.api.monitor;

import dev.vigil.api.web.FieldProblems;
import dev.vigil.common.check.Assertion;
import dev.vigil.common.check.AssertionSource;
import dev.vigil.common.check.DnsCheck;
import dev.vigil.common.check.PluginCheck;
import dev.vigil.common.check.TcpCheck;
import dev.vigil.common.check.TlsCheck;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The definitions of TCP, DNS, TLS and PLUGIN monitors (HTTP has {@link HttpCheckRules}). */
final class CheckRules {

    static final Set<String> RECORD_TYPES = Set.of("A", "AAAA", "CNAME", "MX", "TXT", "NS");
    static final int DEFAULT_TLS_PORT = 443;
    static final int DEFAULT_MIN_DAYS_VALID = 14;
    static final int MAX_MIN_DAYS_VALID = 3650;
    static final int MAX_PLUGIN_ARGS = 32;
    static final int MAX_PLUGIN_ARG_LENGTH = 1024;
    /** A bare file name: no path separators, no leading dot, so it can only name a file in the plugin directory. */
    private static final Pattern PLUGIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private CheckRules() {
    }

    static TcpCheck tcp(FieldProblems problems, String host, Integer port) {
        return new TcpCheck(HostRules.connectableHost(problems, "host", host), port(problems, port, null));
    }

    static TlsCheck tls(FieldProblems problems, String host, Integer port, Integer minDaysValid) {
        int days = minDaysValid == null ? DEFAULT_MIN_DAYS_VALID : minDaysValid;
        if (days < 0 || days > MAX_MIN_DAYS_VALID) {
            problems.add("minDaysValid", "minDaysValid must be between 0 and " + MAX_MIN_DAYS_VALID + " days");
        }
        return new TlsCheck(HostRules.connectableHost(problems, "host", host), port(problems, port, DEFAULT_TLS_PORT),
                days);
    }

    static DnsCheck dns(FieldProblems problems, String host, String recordType, String resolver,
                        List<Assertion> assertions) {
        String type = recordType == null ? "A" : recordType.strip().toUpperCase(Locale.ROOT);
        if (!RECORD_TYPES.contains(type)) {
            problems.add("recordType", "recordType must be one of " + new TreeSet<>(RECORD_TYPES));
        }
        return new DnsCheck(HostRules.dnsName(problems, "host", host), type,
                HostRules.resolver(problems, "resolver", resolver),
                AssertionRules.check(problems, assertions, EnumSet.of(AssertionSource.DNS_ANSWER), "DNS"));
    }

    static PluginCheck plugin(FieldProblems problems, String plugin, List<String> args) {
        String name = problems.requiredLine("plugin", plugin, 100);
        if (name != null && !PLUGIN_NAME.matcher(name).matches()) {
            problems.add("plugin", "plugin must be a plain name such as check_http (letters, digits, '_', '.', '-'; "
                    + "no paths); see GET /api/v1/plugins");
            name = null;
        }
        List<String> checkedArgs = new ArrayList<>();
        if (args != null && args.size() > MAX_PLUGIN_ARGS) {
            problems.add("args", "at most " + MAX_PLUGIN_ARGS + " arguments are allowed (got " + args.size() + ")");
        } else if (args != null) {
            for (int i = 0; i < args.size(); i++) {
                String field = "args[" + i + "]";
                if (args.get(i) == null) {
                    problems.add(field, field + " must be a string");
                } else if (problems.checkText(field, args.get(i), MAX_PLUGIN_ARG_LENGTH, false)) {
                    checkedArgs.add(args.get(i));
                }
            }
        }
        return new PluginCheck(name, checkedArgs);
    }

    private static int port(FieldProblems problems, Integer port, Integer defaultPort) {
        if (port == null && defaultPort == null) {
            problems.add("port", "port is required (1 to 65535)");
            return 0;
        }
        int value = port == null ? defaultPort : port;
        if (value < 1 || value > 65535) {
            problems.add("port", "port must be between 1 and 65535");
        }
        return value;
    }
}
