package dev.vigil.api.monitor;

import dev.vigil.api.web.FieldProblems;
import dev.vigil.common.check.Assertion;
import dev.vigil.common.check.AssertionSource;
import dev.vigil.common.check.HttpCheck;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What an HTTP monitor may ask for: an absolute http(s) URL without credentials in it, a method, headers a client is
 * allowed to set, a body only with a method that sends one, and response assertions.
 */
final class HttpCheckRules {

    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_HEADERS = 50;
    static final int MAX_HEADER_VALUE_LENGTH = 4096;
    static final int MAX_BODY_LENGTH = 64 * 1024;
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** Headers the HTTP client sets itself (and refuses from callers): framing, hop-by-hop and the target host. */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection");
    static final Set<AssertionSource> ASSERTION_SOURCES = EnumSet.of(AssertionSource.STATUS_CODE,
            AssertionSource.BODY, AssertionSource.JSON_PATH, AssertionSource.HEADER, AssertionSource.RESPONSE_TIME_MS);
    /** RFC 9110 token. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");

    private HttpCheckRules() {
    }

    static HttpCheck check(FieldProblems problems, MonitorRequest request) {
        String url = url(problems, request.url());
        String method = request.method() == null ? "GET" : request.method().strip().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            problems.add("method", "method must be one of " + new TreeSet<>(METHODS));
        }
        Map<String, String> headers = headers(problems, request.headers());
        String body = problems.multiLine("body", request.body(), MAX_BODY_LENGTH);
        if (body != null && !METHODS_WITH_BODY.contains(method)) {
            problems.add("body", "a body is sent only with POST, PUT, PATCH or DELETE, not " + method);
        }
        List<Assertion> assertions = AssertionRules.check(problems, request.assertions(), ASSERTION_SOURCES, "HTTP");
        return new HttpCheck(url, method, headers, body, request.followRedirects() == null
                || request.followRedirects(), assertions);
    }

    static boolean isHeaderName(String name) {
        return HEADER_NAME.matcher(name).matches();
    }

    static String url(FieldProblems problems, String value) {
        String url = problems.requiredLine("url", value, MAX_URL_LENGTH);
        if (url == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            problems.add("url", "url is not a valid URL: " + e.getReason() + " at position " + e.getIndex()
                    + " (encode spaces and special characters, e.g. %20)");
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.add("url", "url must start with http:// or https://");
            return null;
        }
        if (uri.getHost() == null) {
            problems.add("url", "url must name a host, e.g. https://example.com/health (international names in "
                    + "punycode, xn--...)");
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            problems.add("url", "url must not contain credentials (user:password@); they would show wherever the "
                    + "URL does. Send them in an Authorization header instead");
            return null;
        }
        FieldProblems hostProblems = new FieldProblems();
        if (HostRules.connectableHost(hostProblems, "host", uri.getHost()) == null) {
            problems.add("url", "url has an invalid host: " + hostProblems.list().getFirst().message()
                    .replaceFirst("^host ", ""));
            return null;
        }
        return url;
    }

    static Map<String, String> headers(FieldProblems problems, Map<String, String> given) {
        if (given == null) {
            return Map.of();
        }
        if (given.size() > MAX_HEADERS) {
            problems.add("headers", "at most " + MAX_HEADERS + " headers are allowed (got " + given.size() + ")");
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> header : given.entrySet()) {
            String name = header.getKey();
            String field = "headers." + (name.length() > 100 ? name.substring(0, 100) + "…" : name);
            if (!isHeaderName(name)) {
                problems.add(field, "'" + (name.length() > 60 ? name.substring(0, 60) + "…" : name)
                        + "' is not a valid header name (1 to 100 letters, digits and !#$%&'*+-.^_`|~)");
                continue;
            }
            if (RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                problems.add(field, name + " is set by the probe itself and cannot be overridden");
                continue;
            }
            if (!seen.add(name)) {
                problems.add(field, name + " is given twice (header names are case-insensitive)");
                continue;
            }
            String value = header.getValue();
            if (value == null) {
                problems.add(field, "a header value is required (use \"\" for an empty one)");
            } else if (problems.checkText(field, value, MAX_HEADER_VALUE_LENGTH, false)) {
                headers.put(name, value);
            }
        }
        return headers;
    }
}
