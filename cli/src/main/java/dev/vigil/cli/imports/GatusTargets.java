package dev.vigil.cli.imports;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a Gatus endpoint checks, from its URL's scheme, as a Vigil monitor's type and target fields:
 * {@code http(s)} HTTP, {@code tcp} TCP, {@code tls} TLS, {@code icmp} PING, {@code udp} UDP, {@code ws(s)}
 * WEBSOCKET, {@code grpc(s)} GRPC, {@code starttls} SMTP (IMAP on 143, POP3 on 110) with STARTTLS, and an endpoint with
 * {@code dns} DNS. Schemes Vigil has no check for ({@code ssh}, ...) answer no type, and the importer lists them.
 */
final class GatusTargets {

    private static final int IMAP_PORT = 143;
    private static final int POP3_PORT = 110;

    private final List<String> unmapped;

    GatusTargets(List<String> unmapped) {
        this.unmapped = unmapped;
    }

    /** The Vigil type of an endpoint, or null when Vigil has no check for its scheme. */
    static String type(String url, boolean dns) {
        if (dns) {
            return "DNS";
        }
        return switch (scheme(url)) {
            case "http", "https" -> "HTTP";
            case "tcp" -> "TCP";
            case "tls" -> "TLS";
            case "icmp" -> "PING";
            case "udp" -> "UDP";
            case "ws", "wss" -> "WEBSOCKET";
            case "grpc", "grpcs" -> "GRPC";
            case "starttls" -> switch (URI.create(url).getPort()) {
                case IMAP_PORT -> "IMAP";
                case POP3_PORT -> "POP3";
                default -> "SMTP";
            };
            default -> null;
        };
    }

    /** Why an endpoint of no type is not imported. */
    static String unsupported(String url) {
        String scheme = scheme(url);
        return url + " is not imported: " + switch (scheme) {
            case "ssh" -> "Vigil has no SSH check (a PLUGIN monitor such as check_ssh can do it where the "
                    + "deployment installed the plugin)";
            case "sctp" -> "Vigil has no SCTP check";
            default -> "Vigil checks http(s), tcp, tls, starttls, icmp, udp, ws(s), grpc(s) and dns endpoints";
        };
    }

    /** Sets the monitor's target fields from the endpoint. */
    void fill(String path, JsonNode endpoint, String type, String url, ObjectNode monitor) {
        switch (type) {
            case "HTTP" -> {
                monitor.put("url", url);
                if (endpoint.has("method")) {
                    monitor.put("method", endpoint.get("method").asString().toUpperCase(Locale.ROOT));
                }
                if (endpoint.has("headers")) {
                    monitor.set("headers", endpoint.get("headers"));
                }
                body(endpoint, monitor, "body");
            }
            case "WEBSOCKET" -> {
                monitor.put("url", url);
                if (endpoint.has("headers")) {
                    monitor.set("headers", endpoint.get("headers"));
                }
                // Gatus sends the body as a message once connected.
                body(endpoint, monitor, "send");
            }
            case "PING" -> monitor.put("host", URI.create(url).getHost());
            case "UDP" -> {
                hostAndPort(url, monitor);
                body(endpoint, monitor, "payload");
            }
            case "GRPC" -> {
                hostAndPort(url, monitor);
                if (scheme(url).equals("grpcs")) {
                    monitor.put("tls", true);
                }
            }
            case "SMTP", "IMAP", "POP3" -> {
                hostAndPort(url, monitor);
                monitor.put("tlsMode", "STARTTLS");
            }
            case "TCP", "TLS" -> hostAndPort(url, monitor);
            default -> {
                JsonNode dns = endpoint.path("dns");
                monitor.put("host", dns.path("query-name").asString(""));
                monitor.put("recordType", dns.path("query-type").asString("A").toUpperCase(Locale.ROOT));
                monitor.put("resolver", url.replaceFirst("^[a-z]+://", ""));
            }
        }
        if (endpoint.has("body") && !type.equals("HTTP") && !type.equals("WEBSOCKET") && !type.equals("UDP")
                && !endpoint.get("body").asString("").isEmpty()) {
            unmapped.add(path + ".body: not imported (a " + type + " check sends no body)");
        }
        if (endpoint.has("headers") && !type.equals("HTTP") && !type.equals("WEBSOCKET")) {
            unmapped.add(path + ".headers: not imported (a " + type + " check sends no headers)");
        }
    }

    private static void body(JsonNode endpoint, ObjectNode monitor, String field) {
        if (endpoint.has("body") && !endpoint.get("body").asString("").isEmpty()) {
            monitor.put(field, endpoint.get("body").asString());
        }
    }

    private static void hostAndPort(String url, ObjectNode monitor) {
        URI uri = URI.create(url);
        monitor.put("host", uri.getHost());
        if (uri.getPort() > 0) {
            monitor.put("port", uri.getPort());
        }
    }

    private static String scheme(String url) {
        return url.contains("://") ? url.substring(0, url.indexOf("://")).toLowerCase(Locale.ROOT) : "";
    }
}
