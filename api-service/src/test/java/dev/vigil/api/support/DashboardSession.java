package dev.vigil.api.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without the browser: a cookie jar, form posts, and the CSRF token read from the last page, as a form
 * would send it. Redirects are not followed, so tests see them.
 */
public final class DashboardSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
    private static final Pattern NEW_KEY = Pattern.compile("id=\"new-key\">([^<]+)<");

    private final int port;
    private final HttpClient http;
    private String csrf;

    public DashboardSession(int port) {
        this.port = port;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public record Page(int status, String location, String body, String hxRedirect) {

        @Override
        public String toString() {
            return status + " " + (location == null ? "" : location + " ") + body.substring(0,
                    Math.min(body.length(), 400));
        }
    }

    /** Signs up a new account with its own workspace; answers the first API key, shown on the first page. */
    public String signUp(String email) {
        get("/signup");
        Page created = post("/signup", Map.of("email", email, "password", "dashboard password",
                "workspace", "Workspace " + UUID.randomUUID()));
        if (created.status() != 302) {
            throw new IllegalStateException("sign-up failed: " + created);
        }
        Page first = get(created.location());
        Matcher key = NEW_KEY.matcher(first.body());
        if (!key.find()) {
            throw new IllegalStateException("no first key on " + first);
        }
        return key.group(1);
    }

    /**
     * Confirms the address and accepts the newest invitation mailed to it, following the links of the mails (read
     * from {@link TestMail}) as the person would, signed in as this session.
     */
    public void acceptInvitation(String email) {
        get(TestMail.link(email, "/verify-email"));
        String link = TestMail.link(email, "/invitation");
        get(link);
        Page joined = post("/invitation/accept", Map.of("token", link.substring(link.indexOf("token=") + 6)));
        if (joined.status() != 302) {
            throw new IllegalStateException("accepting the invitation failed: " + joined);
        }
    }

    /**
     * A new person who signed up, was added to {@code tenant} as {@code role} by its owner and accepted, signed in
     * with that workspace chosen.
     */
    public static DashboardSession memberOf(int port, Tenant tenant, String role) {
        String email = role.toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID() + "@example.com";
        DashboardSession session = new DashboardSession(port);
        session.signUp(email);
        Tenant.require(tenant.owner().post("/api/v1/members", Map.of("email", email, "role", role)), 201);
        session.acceptInvitation(email);
        session.get("/app/monitors");
        session.post("/app/workspace", Map.of("workspaceId", tenant.workspaceId().toString()));
        return session;
    }

    public Page get(String path) {
        Page page = send(HttpRequest.newBuilder(uri(path)).GET());
        remember(page.body());
        return page;
    }

    /** A GET as htmx sends it (its polling, for instance). */
    public Page getAsHtmx(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("HX-Request", "true").GET());
    }

    /** A form post carrying the CSRF token of the last page. */
    public Page post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        return postRaw(path, all);
    }

    /** A form post of name/value pairs, a name as often as it is given (checkboxes), with the CSRF token. */
    public Page postPairs(String path, String... pairs) {
        StringBuilder form = new StringBuilder(csrf == null ? "" : "_csrf=" + enc(csrf));
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            form.append(form.isEmpty() ? "" : "&").append(enc(pairs[i])).append('=').append(enc(pairs[i + 1]));
        }
        Page page = send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
        remember(page.body());
        return page;
    }

    /** A form post exactly as given: no CSRF token unless the test adds one. */
    public Page postRaw(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        Page page = send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        remember(page.body());
        return page;
    }

    private void remember(String body) {
        Matcher field = CSRF.matcher(body);
        Matcher meta = CSRF_META.matcher(body);
        if (field.find()) {
            csrf = field.group(1);
        } else if (meta.find()) {
            csrf = meta.group(1);
        }
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String location = response.headers().firstValue("Location").map(l -> URI.create(l).getPath()
                    + (URI.create(l).getQuery() == null ? "" : "?" + URI.create(l).getQuery())).orElse(null);
            return new Page(response.statusCode(), location, response.body(),
                    response.headers().firstValue("HX-Redirect").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens a server-sent event stream as a page's EventSource does (this session's cookies, and Last-Event-ID when
     * given); the caller closes it.
     */
    public EventStream events(String path, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new EventStream(http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
