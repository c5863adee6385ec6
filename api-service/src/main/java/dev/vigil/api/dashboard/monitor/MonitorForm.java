package dev.vigil.api.dashboard.monitor;

import dev.vigil.api.dashboard.FieldErrors;
import dev.vigil.api.monitor.MonitorRequest;
import dev.vigil.api.monitor.MonitorResponse;
import dev.vigil.api.monitor.NoiseSettings;
import dev.vigil.common.check.Assertion;
import dev.vigil.common.check.AssertionSource;
import dev.vigil.common.check.Comparison;
import dev.vigil.common.json.WireJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The monitor form as posted: every field as text, so a non-number is a message next to its field rather than a
 * binding failure. Only the fields of the chosen type reach the {@link MonitorRequest} (the API refuses fields of
 * another type), and the API's own rules then judge it. Multi-value fields are one entry a line: headers as
 * {@code Name: value}, assertions as {@code SOURCE [path] COMPARISON target}, plugin arguments verbatim.
 */
class MonitorForm {

    static final List<String> TYPES = List.of("HTTP", "TCP", "DNS", "TLS", "HEARTBEAT", "PLUGIN", "API_STEPS",
            "BROWSER",
            "PING", "UDP", "DOMAIN", "SMTP", "IMAP", "POP3",
            "WEBSOCKET", "GRPC", "DATABASE");
    /** Issue 17's network types: which of them take a host, a port, minDaysValid. */
    private static final Set<String> NET_HOST = Set.of("PING", "UDP", "DOMAIN", "SMTP", "IMAP", "POP3");
    private static final Set<String> NET_PORT = Set.of("UDP", "SMTP", "IMAP", "POP3");
    private static final Set<String> MAIL = Set.of("SMTP", "IMAP", "POP3");
    static final List<String> TLS_MODES = List.of("STARTTLS", "IMPLICIT", "NONE");
    static final List<String> PAYLOAD_ENCODINGS = List.of("TEXT", "HEX");
    static final List<String> ENGINES = List.of("POSTGRESQL", "MYSQL", "REDIS");
    private static final Pattern VARIABLE_REFERENCE =
            Pattern.compile("\\s*\\{\\{\\s*vars\\.[A-Za-z_][A-Za-z0-9_]{0,63}\\s*}}\\s*");
    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    static final List<String> RECORD_TYPES = List.of("A", "AAAA", "CNAME", "MX", "TXT", "NS");
    /** The fields this form has an input for; problems with others are listed at the top. */
    static final List<String> FIELDS = List.of("name", "type", "url", "method", "headers", "body", "followRedirects",
            "assertions", "degradedAboveMs", "host", "port", "recordType", "resolver", "minDaysValid",
            "periodSeconds", "graceSeconds", "schedule", "timeZone", "maxRunSeconds", "plugin", "args", "intervalSeconds", "timeoutMs", "regions",
            "confirmations", "alertChannelIds", "tagIds", "groupId", "noise",
            "packetCount", "maxPacketLossPercent", "payload", "payloadEncoding", "tlsMode",
            "send", "expect", "service", "tls", "engine", "database", "username", "password", "query");

    private String name = "";
    private String type = "HTTP";
    private String url = "";
    private String method = "GET";
    private String headers = "";
    private String body = "";
    private boolean followRedirects = true;
    private String assertions = "";
    private String degradedAboveMs = "";
    private String host = "";
    private String port = "";
    private String recordType = "A";
    private String resolver = "";
    private String minDaysValid = "";
    private String periodSeconds = "";
    private String graceSeconds = "";
    private String schedule = "";
    private String timeZone = "";
    private String maxRunSeconds = "";
    private String plugin = "";
    private String args = "";
    private String packetCount = "";
    private String maxPacketLossPercent = "";
    private String payload = "";
    private String payloadEncoding = "TEXT";
    private String tlsMode = "";
    /** API_STEPS and BROWSER: the steps as the API's JSON list (docs/api.md). */
    private String steps = "";
    /** WEBSOCKET, GRPC, DATABASE (url, headers, host and port are the fields above). */
    private String send = "";
    private String expect = "";
    private String service = "";
    private boolean tls;
    private String engine = "POSTGRESQL";
    private String database = "";
    private String username = "";
    private String password = "";
    private String query = "";
    private String intervalSeconds = "60";
    private String timeoutMs = "";
    private List<String> regions = new ArrayList<>();
    private String confirmations = "";
    // Noise settings: blank is the deployment's.
    private String failuresInRow = "";
    private String recoveryRounds = "";
    /** "", "true" or "false": the deployment's, on, off. */
    private String flapDetection = "";
    private String flapTransitions = "";
    private String flapWindowRounds = "";
    private boolean paused;
    private List<String> alertChannelIds = new ArrayList<>();
    /** Set by the form's channel fieldset: without it (an older page) the monitor keeps its links. */
    private boolean alertChannelsShown;
    private List<String> tagIds = new ArrayList<>();
    private String groupId = "";
    /** Set by the form's tag and group fieldset: without it the monitor keeps its tags and group. */
    private boolean labelsShown;

    /** The form filled with a stored monitor, for editing. */
    static MonitorForm of(MonitorResponse m) {
        MonitorForm form = new MonitorForm();
        form.name = m.name();
        form.type = m.type();
        form.url = text(m.url());
        form.method = m.method() == null ? "GET" : m.method();
        form.headers = m.headers() == null ? "" : m.headers().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"));
        form.body = text(m.body());
        form.followRedirects = m.followRedirects() == null || m.followRedirects();
        form.assertions = m.assertions() == null ? "" : m.assertions().stream().map(MonitorForm::line)
                .collect(Collectors.joining("\n"));
        form.degradedAboveMs = text(m.degradedAboveMs());
        form.host = text(m.host());
        form.port = text(m.port());
        form.recordType = m.recordType() == null ? "A" : m.recordType();
        form.resolver = text(m.resolver());
        form.minDaysValid = text(m.minDaysValid());
        form.periodSeconds = text(m.periodSeconds());
        form.graceSeconds = text(m.graceSeconds());
        form.schedule = text(m.schedule());
        form.timeZone = text(m.timeZone());
        form.maxRunSeconds = text(m.maxRunSeconds());
        form.plugin = text(m.plugin());
        form.args = m.args() == null ? "" : String.join("\n", m.args());
        form.steps = m.steps() == null ? "" : WireJson.write(m.steps());
        form.packetCount = text(m.packetCount());
        form.maxPacketLossPercent = text(m.maxPacketLossPercent());
        form.payload = text(m.payload());
        form.payloadEncoding = m.payloadEncoding() == null ? "TEXT" : m.payloadEncoding();
        form.tlsMode = text(m.tlsMode());
        form.send = text(m.send());
        form.expect = text(m.expect());
        form.service = text(m.service());
        form.tls = Boolean.TRUE.equals(m.tls());
        form.engine = m.engine() == null ? "POSTGRESQL" : m.engine();
        form.database = text(m.database());
        form.username = text(m.username());
        form.password = text(m.password());
        form.query = text(m.query());
        form.intervalSeconds = String.valueOf(m.intervalSeconds());
        form.timeoutMs = text(m.timeoutMs());
        form.regions = m.regions() == null ? new ArrayList<>() : new ArrayList<>(m.regions());
        form.confirmations = "HEARTBEAT".equals(m.type()) ? "" : String.valueOf(m.confirmations());
        NoiseSettings noise = m.noise() == null ? NoiseSettings.DEPLOYMENT : m.noise();
        form.failuresInRow = text(noise.failuresInRow());
        form.recoveryRounds = text(noise.recoveryRounds());
        form.flapDetection = text(noise.flapDetection());
        form.flapTransitions = text(noise.flapTransitions());
        form.flapWindowRounds = text(noise.flapWindowRounds());
        form.paused = m.paused();
        form.alertChannelIds = new ArrayList<>(m.alertChannelIds().stream().map(UUID::toString).toList());
        form.tagIds = new ArrayList<>(m.tagIds().stream().map(UUID::toString).toList());
        form.groupId = m.groupId() == null ? "" : m.groupId().toString();
        return form;
    }

    /**
     * The API request this form stands for, or null with the form-level problems (a non-number, a malformed line)
     * recorded in {@code errors}.
     */
    MonitorRequest toRequest(FieldErrors errors, List<UUID> alertChannelIds, Labels labels, boolean creating) {
        String t = type == null ? "" : type.strip().toUpperCase(Locale.ROOT);
        boolean http = t.equals("HTTP");
        boolean socket = t.equals("WEBSOCKET");
        boolean db = t.equals("DATABASE");
        boolean heartbeat = t.equals("HEARTBEAT");
        boolean probed = !heartbeat;
        boolean hostAndPort = Set.of("GRPC", "DATABASE").contains(t);
        MonitorRequest request = new MonitorRequest(name, t,
                http || socket ? url : null,
                http ? method : null,
                http || socket ? headers(errors) : null,
                http && !body.isEmpty() ? body : null,
                http ? followRedirects : null,
                http || t.equals("DNS") || t.equals("UDP") ? assertions(errors) : null,
                probed ? number(errors, "degradedAboveMs", degradedAboveMs) : null,
                Set.of("TCP", "DNS", "TLS").contains(t) || NET_HOST.contains(t) || hostAndPort ? blankToNull(host)
                        : null,
                t.equals("TCP") || t.equals("TLS") || NET_PORT.contains(t) || hostAndPort
                        ? number(errors, "port", port) : null,
                t.equals("DNS") ? recordType : null,
                t.equals("DNS") ? blankToNull(resolver) : null,
                t.equals("TLS") || t.equals("DOMAIN") || MAIL.contains(t) && !"NONE".equals(tlsMode)
                        ? number(errors, "minDaysValid", minDaysValid) : null,
                heartbeat ? number(errors, "periodSeconds", periodSeconds) : null,
                heartbeat ? number(errors, "graceSeconds", graceSeconds) : null,
                heartbeat ? blankToNull(schedule) : null,
                heartbeat ? blankToNull(timeZone) : null,
                heartbeat ? number(errors, "maxRunSeconds", maxRunSeconds) : null,
                t.equals("PLUGIN") ? blankToNull(plugin) : null,
                t.equals("PLUGIN") ? lines(args) : null,
                probed ? number(errors, "intervalSeconds", intervalSeconds) : null,
                probed ? number(errors, "timeoutMs", timeoutMs) : null,
                probed && !regions.isEmpty() ? List.copyOf(regions) : null,
                probed ? number(errors, "confirmations", confirmations) : null,
                alertChannelIds,
                labels.tagIds(),
                labels.groupId(),
                creating || paused ? paused : null,
                t.equals("API_STEPS") || t.equals("BROWSER") ? steps(errors) : null,
                probed ? noise(errors) : null,
                t.equals("PING") ? number(errors, "packetCount", packetCount) : null,
                t.equals("PING") ? number(errors, "maxPacketLossPercent", maxPacketLossPercent) : null,
                t.equals("UDP") && !payload.isEmpty() ? payload : null,
                t.equals("UDP") ? blankToNull(payloadEncoding) : null,
                MAIL.contains(t) ? blankToNull(tlsMode) : null,
                socket ? blankToNull(send) : null,
                socket || db ? blankToNull(expect) : null,
                t.equals("GRPC") ? blankToNull(service) : null,
                t.equals("GRPC") ? tls : null,
                db ? engine : null,
                db ? blankToNull(database) : null,
                db ? blankToNull(username) : null,
                db ? blankToNull(password) : null,
                db ? blankToNull(query) : null);
        return errors.isEmpty() ? request : null;
    }

    /** The noise fieldset; all blank: the deployment's (no {@code noise} sent). */
    private NoiseSettings noise(FieldErrors errors) {
        NoiseSettings noise = new NoiseSettings(noiseNumber(errors, "failuresInRow", failuresInRow),
                noiseNumber(errors, "recoveryRounds", recoveryRounds),
                flapDetection == null || flapDetection.isBlank() ? null : Boolean.valueOf(flapDetection.strip()),
                noiseNumber(errors, "flapTransitions", flapTransitions),
                noiseNumber(errors, "flapWindowRounds", flapWindowRounds));
        return noise.isDeployment() ? null : noise;
    }

    private static Integer noiseNumber(FieldErrors errors, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            errors.add("noise." + field, field + " must be a whole number");
            return null;
        }
    }

    /** The steps textarea as JSON; the API's rules then check each step. */
    private List<JsonNode> steps(FieldErrors errors) {
        if (steps == null || steps.isBlank()) {
            return null;
        }
        try {
            JsonNode node = WireJson.mapper().readTree(steps);
            if (!node.isArray()) {
                errors.add("steps", "steps must be a JSON list, e.g. [{\"action\": \"goto\", \"value\": \"https://...\"}]");
                return null;
            }
            return node.valueStream().toList();
        } catch (JacksonException e) {
            errors.add("steps", "steps are not valid JSON");
            return null;
        }
    }

    private Map<String, String> headers(FieldErrors errors) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : lines(headers)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                errors.add("headers", "write each header as Name: value (line \"" + shorten(line) + "\")");
                continue;
            }
            map.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        return map.isEmpty() ? null : map;
    }

    private List<Assertion> assertions(FieldErrors errors) {
        List<Assertion> list = new ArrayList<>();
        for (String line : lines(assertions)) {
            String[] parts = line.split("\\s+", 4);
            AssertionSource source = enumOf(AssertionSource.class, parts[0]);
            if (source == null) {
                errors.add("assertions", "\"" + shorten(parts[0]) + "\" is not one of "
                        + List.of(AssertionSource.values()));
                continue;
            }
            int next = 1;
            String path = null;
            if (source.needsPath()) {
                path = parts.length > 1 ? parts[1] : null;
                next = 2;
            }
            String rest = String.join(" ", java.util.Arrays.copyOfRange(parts, Math.min(next, parts.length),
                    parts.length));
            String[] tail = rest.split("\\s+", 2);
            Comparison comparison = enumOf(Comparison.class, tail[0]);
            if (comparison == null) {
                errors.add("assertions", "write each assertion as SOURCE [path] COMPARISON target, e.g. "
                        + "STATUS_CODE EQUALS 200 (line \"" + shorten(line) + "\")");
                continue;
            }
            list.add(new Assertion(source, path, comparison, tail.length > 1 ? tail[1] : ""));
        }
        return list.isEmpty() ? null : list;
    }

    private static String line(Assertion a) {
        return a.source() + (a.path() == null ? "" : " " + a.path()) + " " + a.comparison() + " " + a.target();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Integer number(FieldErrors errors, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            errors.add(field, field + " must be a whole number");
            return null;
        }
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getMethod() { return method; }
    public void setMethod(String method) { this.method = method; }
    public String getHeaders() { return headers; }
    public void setHeaders(String headers) { this.headers = headers; }
    public String getBody() { return body; }
    public void setBody(String body) { this.body = body; }
    public boolean isFollowRedirects() { return followRedirects; }
    public void setFollowRedirects(boolean followRedirects) { this.followRedirects = followRedirects; }
    public String getAssertions() { return assertions; }
    public void setAssertions(String assertions) { this.assertions = assertions; }
    public String getDegradedAboveMs() { return degradedAboveMs; }
    public void setDegradedAboveMs(String degradedAboveMs) { this.degradedAboveMs = degradedAboveMs; }
    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public String getPort() { return port; }
    public void setPort(String port) { this.port = port; }
    public String getRecordType() { return recordType; }
    public void setRecordType(String recordType) { this.recordType = recordType; }
    public String getResolver() { return resolver; }
    public void setResolver(String resolver) { this.resolver = resolver; }
    public String getMinDaysValid() { return minDaysValid; }
    public void setMinDaysValid(String minDaysValid) { this.minDaysValid = minDaysValid; }
    public String getPeriodSeconds() { return periodSeconds; }
    public void setPeriodSeconds(String periodSeconds) { this.periodSeconds = periodSeconds; }
    public String getGraceSeconds() { return graceSeconds; }
    public void setGraceSeconds(String graceSeconds) { this.graceSeconds = graceSeconds; }
    public String getSchedule() { return schedule; }
    public void setSchedule(String schedule) { this.schedule = schedule; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
    public String getMaxRunSeconds() { return maxRunSeconds; }
    public void setMaxRunSeconds(String maxRunSeconds) { this.maxRunSeconds = maxRunSeconds; }
    public String getPlugin() { return plugin; }
    public void setPlugin(String plugin) { this.plugin = plugin; }
    public String getPacketCount() { return packetCount; }
    public void setPacketCount(String packetCount) { this.packetCount = packetCount; }
    public String getMaxPacketLossPercent() { return maxPacketLossPercent; }
    public void setMaxPacketLossPercent(String value) { this.maxPacketLossPercent = value; }
    public String getPayload() { return payload; }
    public void setPayload(String payload) { this.payload = payload == null ? "" : payload; }
    public String getPayloadEncoding() { return payloadEncoding; }
    public void setPayloadEncoding(String payloadEncoding) { this.payloadEncoding = payloadEncoding; }
    public String getTlsMode() { return tlsMode; }
    public void setTlsMode(String tlsMode) { this.tlsMode = tlsMode; }
    public String getSteps() { return steps; }
    public void setSteps(String steps) { this.steps = steps; }
    public String getSend() { return send; }
    public void setSend(String send) { this.send = send; }
    public String getExpect() { return expect; }
    public void setExpect(String expect) { this.expect = expect; }
    public String getService() { return service; }
    public void setService(String service) { this.service = service; }
    public boolean isTls() { return tls; }
    public void setTls(boolean tls) { this.tls = tls; }
    public String getEngine() { return engine; }
    public void setEngine(String engine) { this.engine = engine; }
    public String getDatabase() { return database; }
    public void setDatabase(String database) { this.database = database; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    /** Only a {{vars.NAME}} reference is shown back: a password typed in by mistake is not put into the page. */
    public String getPassword() { return VARIABLE_REFERENCE.matcher(password).matches() ? password : ""; }
    public void setPassword(String password) { this.password = password == null ? "" : password; }
    public String getQuery() { return query; }
    public void setQuery(String query) { this.query = query; }
    public String getArgs() { return args; }
    public void setArgs(String args) { this.args = args; }
    public String getIntervalSeconds() { return intervalSeconds; }
    public void setIntervalSeconds(String intervalSeconds) { this.intervalSeconds = intervalSeconds; }
    public String getTimeoutMs() { return timeoutMs; }
    public void setTimeoutMs(String timeoutMs) { this.timeoutMs = timeoutMs; }
    public List<String> getRegions() { return regions; }
    public void setRegions(List<String> regions) { this.regions = regions == null ? new ArrayList<>() : regions; }
    public String getConfirmations() { return confirmations; }
    public void setConfirmations(String confirmations) { this.confirmations = confirmations; }
    public String getFailuresInRow() { return failuresInRow; }
    public void setFailuresInRow(String failuresInRow) { this.failuresInRow = failuresInRow; }
    public String getRecoveryRounds() { return recoveryRounds; }
    public void setRecoveryRounds(String recoveryRounds) { this.recoveryRounds = recoveryRounds; }
    public String getFlapDetection() { return flapDetection; }
    public void setFlapDetection(String flapDetection) { this.flapDetection = flapDetection; }
    public String getFlapTransitions() { return flapTransitions; }
    public void setFlapTransitions(String flapTransitions) { this.flapTransitions = flapTransitions; }
    public String getFlapWindowRounds() { return flapWindowRounds; }
    public void setFlapWindowRounds(String flapWindowRounds) { this.flapWindowRounds = flapWindowRounds; }
    public boolean isPaused() { return paused; }
    public void setPaused(boolean paused) { this.paused = paused; }
    public List<String> getAlertChannelIds() { return alertChannelIds; }
    public void setAlertChannelIds(List<String> ids) { this.alertChannelIds = ids == null ? new ArrayList<>() : ids; }
    public boolean isAlertChannelsShown() { return alertChannelsShown; }
    public void setAlertChannelsShown(boolean shown) { this.alertChannelsShown = shown; }
    public List<String> getTagIds() { return tagIds; }
    public void setTagIds(List<String> ids) { this.tagIds = ids == null ? new ArrayList<>() : ids; }
    public String getGroupId() { return groupId; }
    public void setGroupId(String groupId) { this.groupId = groupId == null ? "" : groupId; }
    public boolean isLabelsShown() { return labelsShown; }
    public void setLabelsShown(boolean shown) { this.labelsShown = shown; }

    /** A monitor's tags and group as the form chose them. */
    record Labels(List<UUID> tagIds, UUID groupId) {
    }

    /**
     * The tags checked and the group chosen, or the monitor's current ones when the form had no such inputs; a value
     * that is not an id is reported under its field.
     */
    Labels chosenLabels(FieldErrors errors, MonitorResponse current) {
        if (!labelsShown) {
            return current == null ? new Labels(List.of(), null) : new Labels(current.tagIds(), current.groupId());
        }
        List<UUID> tags = new ArrayList<>();
        for (String id : tagIds) {
            try {
                tags.add(UUID.fromString(id.strip()));
            } catch (IllegalArgumentException e) {
                errors.add("tagIds", "tagIds must be tag ids");
            }
        }
        UUID group = null;
        if (!groupId.isBlank()) {
            try {
                group = UUID.fromString(groupId.strip());
            } catch (IllegalArgumentException e) {
                errors.add("groupId", "groupId must be a group id");
            }
        }
        return new Labels(tags, group);
    }

    /**
     * The channels checked in the form, or {@code current} when the form had no channel inputs; a value that is not
     * an id is reported under alertChannelIds (the API checks that each id is a channel of this workspace).
     */
    List<UUID> chosenChannels(FieldErrors errors, List<UUID> current) {
        if (!alertChannelsShown) {
            return current;
        }
        List<UUID> ids = new ArrayList<>();
        for (String id : alertChannelIds) {
            try {
                ids.add(UUID.fromString(id.strip()));
            } catch (IllegalArgumentException e) {
                errors.add("alertChannelIds", "alertChannelIds must be channel ids");
            }
        }
        return ids;
    }
}
