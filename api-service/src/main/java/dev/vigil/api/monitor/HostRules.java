package dev.vigil.api.monitor;

import dev.vigil.api.web.FieldProblems;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Syntax of host names, IP literals and DNS resolver addresses. Only syntax: nothing here resolves a name, so
 * validating a request never makes a network call (whether a target may be reached at all is the probe's SSRF guard).
 */
final class HostRules {

    static final int MAX_HOST_LENGTH = 253;

    /** RFC 1123 label; with underscores for DNS names such as {@code _dmarc.example.com}. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern DNS_LABEL = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final Pattern IPV4 = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    /** Starting with a hex digit or ':' is what makes InetAddress parse a literal instead of querying DNS. */
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    private HostRules() {
    }

    /**
     * A host to connect to: a name or an IP literal (IPv6 with or without brackets). Answers it trimmed, or null
     * with a problem recorded.
     */
    static String connectableHost(FieldProblems problems, String field, String value) {
        String host = problems.requiredLine(field, value, MAX_HOST_LENGTH + 2);
        if (host == null) {
            return null;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (isIpv4(bare) || isIpv6(bare)) {
            return bare;
        }
        return hostName(problems, field, host, LABEL) ? host : null;
    }

    /** A name to query in DNS; underscores allowed, IP literals not (there is nothing to look up). */
    static String dnsName(FieldProblems problems, String field, String value) {
        String host = problems.requiredLine(field, value, MAX_HOST_LENGTH + 1);
        if (host == null) {
            return null;
        }
        if (isIpv4(host) || isIpv6(host)) {
            problems.add(field, field + " must be a DNS name such as example.com, not an IP address");
            return null;
        }
        return hostName(problems, field, host, DNS_LABEL) ? host : null;
    }

    /** A resolver as {@code ip}, {@code ip:port}, {@code [ipv6]:port} or a bare IPv6 address; null when absent. */
    static String resolver(FieldProblems problems, String field, String value) {
        String resolver = problems.optionalLine(field, value, 60);
        if (resolver == null) {
            return null;
        }
        String address = resolver;
        String port = null;
        if (resolver.startsWith("[")) {
            int close = resolver.indexOf(']');
            address = close < 0 ? "" : resolver.substring(1, close);
            String rest = close < 0 ? "" : resolver.substring(close + 1);
            port = rest.startsWith(":") ? rest.substring(1) : (rest.isEmpty() ? null : "x");
        } else if (resolver.indexOf(':') == resolver.lastIndexOf(':') && resolver.indexOf(':') > 0) {
            address = resolver.substring(0, resolver.indexOf(':'));
            port = resolver.substring(resolver.indexOf(':') + 1);
        }
        if (!isIpv4(address) && !isIpv6(address)) {
            problems.add(field, field + " must be an IP address, optionally with a port: 9.9.9.9, 9.9.9.9:53 or "
                    + "[2620:fe::fe]:53");
            return null;
        }
        if (port != null && !validPort(port)) {
            problems.add(field, field + " has an invalid port: it must be between 1 and 65535");
            return null;
        }
        return resolver;
    }

    static boolean isIpv4(String value) {
        return IPV4.matcher(value).matches();
    }

    static boolean isIpv6(String value) {
        if (value.indexOf(':') < 0 || !IPV6_CHARS.matcher(value).matches()) {
            return false;
        }
        try {
            // Starting with a hex digit or ':' and containing a ':', this parses a literal (or fails) and never
            // queries DNS.
            return InetAddress.getByName(value) != null;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean validPort(String port) {
        return PORT.matcher(port).matches() && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535;
    }

    private static boolean hostName(FieldProblems problems, String field, String host, Pattern label) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty() || name.length() > MAX_HOST_LENGTH) {
            problems.add(field, field + " must be a host name of 1 to " + MAX_HOST_LENGTH + " characters");
            return false;
        }
        String[] labels = name.split("\\.", -1);
        for (String part : labels) {
            if (!label.matcher(part).matches()) {
                problems.add(field, field + " is not a valid host name: '" + clip(part) + "' is not a valid label "
                        + "(letters, digits and '-', 1 to 63 characters, not starting or ending with '-'; "
                        + "international names in punycode, xn--...)");
                return false;
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            problems.add(field, field + " is neither a valid IP address nor a host name (a name's last label is "
                    + "never all digits)");
            return false;
        }
        return true;
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
