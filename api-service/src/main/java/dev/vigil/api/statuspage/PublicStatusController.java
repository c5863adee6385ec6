package dev.vigil.api.statuspage;

import dev.vigil.api.web.ApiProperties;
import dev.vigil.api.web.InvalidRequestException;
import dev.vigil.api.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public side of status pages, without a key: the page, its history, summary.json, the Atom feed and badges. All
 * of them are served from {@link StatusPageCache} with a strong ETag ({@code 304} on a matching
 * {@code If-None-Match}) and {@code Cache-Control} public for CDNs, or private for private pages.
 */
@RestController
@RequestMapping("/status/{slug}")
class PublicStatusController {

    private final StatusPageCache cache;
    private final StatusPageRenderer renderer;
    private final StatuspageCompatibleRenderer statuspage;
    private final IncidentArchive archive;
    private final IncidentPagesRenderer incidentPages;
    private final Clock clock;
    private final PageAccess access;
    private final StatusPageProperties properties;
    private final ApiProperties api;

    PublicStatusController(StatusPageCache cache, StatusPageRenderer renderer,
                           StatuspageCompatibleRenderer statuspage, IncidentArchive archive,
                           IncidentPagesRenderer incidentPages, Clock clock, PageAccess access,
                           StatusPageProperties properties, ApiProperties api) {
        this.archive = archive;
        this.incidentPages = incidentPages;
        this.clock = clock;
        this.cache = cache;
        this.renderer = renderer;
        this.statuspage = statuspage;
        this.access = access;
        this.properties = properties;
        this.api = api;
    }

    @GetMapping
    ResponseEntity<byte[]> page(@PathVariable String slug, HttpServletRequest request) {
        String base = base(slug, request);
        return serve(slug, request, "page:" + base, s -> renderer.page(s, base));
    }

    @GetMapping("/history")
    ResponseEntity<byte[]> history(@PathVariable String slug, HttpServletRequest request) {
        String base = base(slug, request);
        return serve(slug, request, "history:" + base, s -> renderer.history(s, base));
    }

    @GetMapping("/summary.json")
    ResponseEntity<byte[]> summary(@PathVariable String slug, HttpServletRequest request) {
        return serve(slug, request, "summary", renderer::summary);
    }

    /**
     * Incident history by month ({@code month=YYYY-MM}, default this month), optionally of one component of the page
     * and one impact. Read per request, since visitors pick the month; never cached in memory.
     */
    @GetMapping("/incidents")
    ResponseEntity<byte[]> incidents(@PathVariable String slug, @RequestParam(required = false) String month,
                                     @RequestParam(required = false) String component,
                                     @RequestParam(required = false) String impact, HttpServletRequest request) {
        YearMonth last = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        YearMonth first = last.minusYears(10);
        YearMonth wanted = last;
        if (month != null && !month.isBlank()) {
            try {
                wanted = YearMonth.parse(month.strip());
            } catch (DateTimeParseException e) {
                throw InvalidRequestException.of("month", "month must be YYYY-MM");
            }
            if (wanted.isBefore(first) || wanted.isAfter(last)) {
                throw InvalidRequestException.of("month", "month must be between " + first + " and " + last);
            }
        }
        String wantedImpact = impact == null || impact.isBlank() ? null : impact.strip();
        if (wantedImpact != null && !List.of("minor", "major", "critical").contains(wantedImpact)) {
            throw InvalidRequestException.of("impact", "impact must be minor, major or critical");
        }
        YearMonth shown = wanted;
        return serveLive(slug, request, s -> {
            UUID wantedComponent = component == null || component.isBlank() ? null
                    : component(s, component.strip()).id();
            String base = base(slug, request);
            return incidentPages.month(s, base, shown, wantedComponent, wantedImpact,
                    archive.month(s, shown, wantedComponent, wantedImpact), first, last);
        });
    }

    /** One incident the page shows: its timeline and, once published, its postmortem. */
    @GetMapping("/incidents/{id}")
    ResponseEntity<byte[]> incident(@PathVariable String slug, @PathVariable String id, HttpServletRequest request) {
        UUID wanted;
        try {
            wanted = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("incident");
        }
        return serveLive(slug, request, s -> incidentPages.incident(s, base(slug, request),
                archive.incident(s, wanted).orElseThrow(() -> new NotFoundException("incident"))));
    }

    /**
     * Atlassian Statuspage's public API v2 documents ({@link StatuspageCompatibleRenderer}), with the same caching
     * and access rules as every other representation of the page.
     */
    @GetMapping({"/api/v2/summary.json", "/api/v2/status.json", "/api/v2/components.json",
            "/api/v2/incidents.json", "/api/v2/incidents/unresolved.json", "/api/v2/scheduled-maintenances.json",
            "/api/v2/scheduled-maintenances/upcoming.json", "/api/v2/scheduled-maintenances/active.json"})
    ResponseEntity<byte[]> statuspageV2(@PathVariable String slug, HttpServletRequest request) {
        String path = request.getRequestURI();
        String route = path.substring(path.indexOf("/api/v2/") + "/api/v2/".length());
        StatuspageCompatibleRenderer.Document document = switch (route) {
            case "summary.json" -> StatuspageCompatibleRenderer.Document.SUMMARY;
            case "status.json" -> StatuspageCompatibleRenderer.Document.STATUS;
            case "components.json" -> StatuspageCompatibleRenderer.Document.COMPONENTS;
            case "incidents.json" -> StatuspageCompatibleRenderer.Document.INCIDENTS;
            case "incidents/unresolved.json" -> StatuspageCompatibleRenderer.Document.UNRESOLVED;
            case "scheduled-maintenances.json" -> StatuspageCompatibleRenderer.Document.MAINTENANCES;
            case "scheduled-maintenances/upcoming.json" -> StatuspageCompatibleRenderer.Document.UPCOMING;
            case "scheduled-maintenances/active.json" -> StatuspageCompatibleRenderer.Document.ACTIVE;
            default -> throw new NotFoundException("document");
        };
        return serve(slug, request, "v2:" + document, s -> statuspage.render(s, pageUrl(s.page()), document));
    }

    @GetMapping("/feed.atom")
    ResponseEntity<byte[]> feed(@PathVariable String slug, HttpServletRequest request) {
        return serve(slug, request, "atom", s -> renderer.atom(s, pageUrl(s.page())));
    }

    @GetMapping("/feed.rss")
    ResponseEntity<byte[]> rss(@PathVariable String slug, HttpServletRequest request) {
        return serve(slug, request, "rss", s -> RssFeed.render(s, pageUrl(s.page())));
    }

    @GetMapping("/widget")
    ResponseEntity<byte[]> widget(@PathVariable String slug, HttpServletRequest request) {
        return serve(slug, request, "widget", s -> renderer.widget(s, pageUrl(s.page())));
    }

    /** The page's overall status as a badge. */
    @GetMapping("/badge.svg")
    ResponseEntity<byte[]> badge(@PathVariable String slug, HttpServletRequest request) {
        return serve(slug, request, "badge", s -> renderer.badge("status", s.description().toLowerCase(),
                s.indicator().equals("none") ? StatusPageRenderer.color("operational")
                        : s.indicator().equals("minor") ? StatusPageRenderer.color("degraded_performance")
                        : StatusPageRenderer.color("major_outage")));
    }

    @GetMapping("/components/{component}/status.svg")
    ResponseEntity<byte[]> componentStatus(@PathVariable String slug, @PathVariable String component,
                                           HttpServletRequest request) {
        return serve(slug, request, "status.svg:" + component, s -> {
            StatusSnapshot.Component c = component(s, component);
            return renderer.badge(c.name(), c.statusLabel().toLowerCase(), StatusPageRenderer.color(c.status()));
        });
    }

    @GetMapping("/components/{component}/uptime.svg")
    ResponseEntity<byte[]> componentUptime(@PathVariable String slug, @PathVariable String component,
                                           HttpServletRequest request) {
        return serve(slug, request, "uptime.svg:" + component, s -> {
            StatusSnapshot.Component c = component(s, component);
            Double uptime = c.uptime90d();
            String color = uptime == null ? "#9f9f9f" : uptime >= 99.9 ? StatusPageRenderer.color("operational")
                    : uptime >= 99 ? StatusPageRenderer.color("degraded_performance")
                    : StatusPageRenderer.color("major_outage");
            return renderer.badge("uptime 90d", new StatusPageRenderer.Formats().percent(uptime), color);
        });
    }

    /** The password form of a private page posts here; a right password sets the access cookie. */
    @PostMapping(value = "/access", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> unlock(@PathVariable String slug, @RequestParam(required = false) String password,
                                  HttpServletRequest request, HttpServletResponse response) {
        StatusSnapshot snapshot = find(slug).snapshot();
        String base = base(slug, request);
        if (access.unlock(snapshot.page(), password, base, request, response)) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(base.isEmpty() ? "/" : base))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        return html(HttpStatus.UNAUTHORIZED, renderer.message(snapshot.page().title(), "This status page is private",
                "Enter the password to view it.", base, true, true));
    }

    private ResponseEntity<byte[]> serve(String slug, HttpServletRequest request, String key,
                                         Function<StatusSnapshot, Rendered> render) {
        return serveEntry(slug, request, entry -> entry.rendering(key, () -> render.apply(entry.snapshot())));
    }

    /** Like {@link #serve}, rendered for this request only (its input comes from the visitor, so is not kept). */
    private ResponseEntity<byte[]> serveLive(String slug, HttpServletRequest request,
                                             Function<StatusSnapshot, Rendered> render) {
        return serveEntry(slug, request, entry -> render.apply(entry.snapshot()));
    }

    private ResponseEntity<byte[]> serveEntry(String slug, HttpServletRequest request,
                                              Function<StatusPageCache.Entry, Rendered> render) {
        StatusPageCache.Entry entry = find(slug);
        StatusSnapshot snapshot = entry.snapshot();
        String base = base(slug, request);
        String cacheControl = "public, max-age=" + properties.maxAge().toSeconds();
        if (snapshot.page().isPrivate()) {
            switch (access.check(snapshot.page(), request)) {
                case PASSWORD_REQUIRED -> {
                    return bytes(html(HttpStatus.UNAUTHORIZED, renderer.message(snapshot.page().title(),
                            "This status page is private", "Enter the password to view it.", base, true, false)));
                }
                case FORBIDDEN -> {
                    return bytes(html(HttpStatus.FORBIDDEN, renderer.message(snapshot.page().title(),
                            "This status page is private", "It cannot be viewed from your network.", base, false,
                            false)));
                }
                case GRANTED -> cacheControl = "private, no-cache";
            }
        }
        Rendered rendered = render.apply(entry);
        return respond(rendered, snapshot.page().isPrivate(), cacheControl, request);
    }

    /** The answer for a rendered representation: gzip when accepted, 304 when the client holds these bytes. */
    static ResponseEntity<byte[]> respond(Rendered rendered, boolean privatePage, String cacheControl,
                                          HttpServletRequest request) {
        boolean gzip = acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
        String etag = gzip ? rendered.gzipEtag() : rendered.etag();
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ETAG, etag);
        headers.set(HttpHeaders.CACHE_CONTROL, cacheControl);
        // Only a private page depends on the visitor's cookie; Vary: Cookie on public ones would keep CDNs from
        // caching them.
        headers.set(HttpHeaders.VARY, privatePage ? "Accept-Encoding, Cookie" : "Accept-Encoding");
        if (Rendered.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(headers).build();
        }
        headers.set(HttpHeaders.CONTENT_TYPE, rendered.contentType());
        if (gzip) {
            headers.set(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        return ResponseEntity.status(HttpStatus.OK).headers(headers).body(gzip ? rendered.gzipped() : rendered.body());
    }

    /** Whether the client takes gzip: listed in Accept-Encoding without {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.strip().split(";");
            if (parts[0].strip().equalsIgnoreCase("gzip")) {
                return !(parts.length > 1 && parts[1].replace(" ", "").matches("q=0(\\.0*)?"));
            }
        }
        return false;
    }

    private StatusPageCache.Entry find(String slug) {
        if (slug.length() > 63 || !StatusPageRules.SLUG.matcher(slug).matches()) {
            throw new NotFoundException("status page");
        }
        return cache.get(slug).orElseThrow(() -> new NotFoundException("status page"));
    }

    private static StatusSnapshot.Component component(StatusSnapshot snapshot, String id) {
        UUID wanted;
        try {
            wanted = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("component");
        }
        Optional<StatusSnapshot.Component> found = snapshot.components().stream()
                .filter(c -> c.id().equals(wanted)).findFirst();
        return found.orElseThrow(() -> new NotFoundException("component"));
    }

    /** Links start with {@code /status/{slug}}, or at the root when the page was reached by its custom domain. */
    static String base(String slug, HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(CustomDomainFilter.VIA_CUSTOM_DOMAIN)) ? ""
                : "/status/" + slug;
    }

    private String pageUrl(StatusSnapshot.Page page) {
        return page.customDomain() != null ? "https://" + page.customDomain() : api.link("/status/" + page.slug());
    }

    private static ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status).header(HttpHeaders.CONTENT_TYPE, StatusPageRenderer.HTML)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(body);
    }

    private static ResponseEntity<byte[]> bytes(ResponseEntity<String> response) {
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .body(response.getBody().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
