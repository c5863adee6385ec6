package dev.vigil.api.monitor;

/** Request examples of each monitor type, for the OpenAPI document. */
final class MonitorExamples {

    static final String HTTP = """
            {"name": "Homepage", "type": "HTTP", "url": "https://example.com/health", "method": "GET",
             "headers": {"Accept": "application/json"}, "followRedirects": true, "intervalSeconds": 60,
             "timeoutMs": 10000, "regions": ["local-a", "local-b", "local-c"], "confirmations": 1,
             "assertions": [
               {"source": "STATUS_CODE", "comparison": "EQUALS", "target": "200"},
               {"source": "JSON_PATH", "path": "$.status", "comparison": "EQUALS", "target": "up"},
               {"source": "RESPONSE_TIME_MS", "comparison": "LESS_THAN", "target": "2000"}],
             "degradedAboveMs": 1500, "alertChannelIds": [], "paused": false}""";

    static final String TCP = """
            {"name": "Database port", "type": "TCP", "host": "db.example.com", "port": 5432, "intervalSeconds": 60}""";

    static final String DNS = """
            {"name": "MX records", "type": "DNS", "host": "example.com", "recordType": "MX", "resolver": "9.9.9.9",
             "assertions": [{"source": "DNS_ANSWER", "comparison": "CONTAINS", "target": "mail.example.com"}]}""";

    static final String TLS = """
            {"name": "Certificate", "type": "TLS", "host": "example.com", "port": 443, "minDaysValid": 21,
             "intervalSeconds": 3600}""";

    static final String HEARTBEAT = """
            {"name": "Nightly backup", "type": "HEARTBEAT", "periodSeconds": 86400, "graceSeconds": 3600}""";

    static final String PLUGIN = """
            {"name": "SSH banner", "type": "PLUGIN", "plugin": "check_ssh", "args": ["-H", "example.com", "-p", "22"],
             "intervalSeconds": 300}""";

    // Issue 17's network types.
    static final String PING = """
            {"name": "Edge router", "type": "PING", "host": "192.0.2.1", "packetCount": 5,
             "maxPacketLossPercent": 20, "intervalSeconds": 60}""";

    static final String UDP = """
            {"name": "Game server", "type": "UDP", "host": "game.example.com", "port": 27015, "payload": "status\\n",
             "assertions": [{"source": "BODY", "comparison": "MATCHES", "target": "^OK"}], "intervalSeconds": 60}""";

    static final String DOMAIN = """
            {"name": "Domain registration", "type": "DOMAIN", "host": "example.com", "minDaysValid": 30,
             "intervalSeconds": 86400}""";

    static final String SMTP = """
            {"name": "Mail relay", "type": "SMTP", "host": "mx.example.com", "port": 587, "tlsMode": "STARTTLS",
             "minDaysValid": 14, "intervalSeconds": 300}""";

    private MonitorExamples() {
    }
}
