package dev.vigil.api.web;

/**
 * The Content-Security-Policy of each kind of answer. Tenants write the text of status pages (names, descriptions,
 * incident updates, a logo URL), so a page must not run anything even if some of that text escaped the templates.
 */
public final class ContentSecurityPolicies {

    /**
     * Status pages and other tenant-facing public pages: no script at all, the page's own inline style block, a logo
     * from wherever the tenant hosts it, forms only back to this origin (subscribe, a private page's password), and
     * no framing (as {@code X-Frame-Options: DENY}).
     */
    public static final String STATUS_PAGES = "default-src 'none'; style-src 'unsafe-inline'; "
            + "img-src 'self' https: http: data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /**
     * A status page's embeddable widget ({@code /status/{slug}/widget}): as {@link #STATUS_PAGES}, without forms, and
     * the one answer any site may frame.
     */
    public static final String STATUS_WIDGET = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
            + "form-action 'none'; base-uri 'none'; frame-ancestors *";

    /** Everything else this service answers without a session (API JSON, API docs, errors): own scripts only. */
    public static final String OTHER_PUBLIC = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private ContentSecurityPolicies() {
    }
}
