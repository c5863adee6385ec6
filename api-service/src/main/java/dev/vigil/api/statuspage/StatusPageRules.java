package dev.vigil.api.statuspage;

import dev.vigil.api.web.FieldProblems;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Validates a status page definition: every problem at once. */
final class StatusPageRules {

    static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
            + "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]{2,39}(?:\\.[0-9.]{1,15})?");
    static final int MAX_COMPONENTS = 100;
    static final int MAX_ALLOWED_IPS = 100;

    /** The languages of a page's fixed words (resource bundles i18n/status*.properties); null keeps or means en. */
    static final List<String> LANGUAGES = List.of("en", "de", "fr", "es");

    private StatusPageRules() {
    }

    record ValidPage(String slug, String title, String description, String logoUrl, String customDomain,
                     String password, List<String> allowedIps, List<ValidComponent> components,
                     String language) {
    }

    record ValidComponent(String name, UUID monitorId, String group) {
    }

    /**
     * @param apiHost        the host of Vigil's own public URL, which no page may claim as its custom domain
     * @param notInWorkspace which of the ids are not monitors of the caller's workspace
     */
    static ValidPage validate(StatusPageRequest request, String apiHost,
                              Function<List<UUID>, List<UUID>> notInWorkspace) {
        FieldProblems problems = new FieldProblems();
        String slug = request.slug();
        if (slug == null || slug.isBlank()) {
            problems.add("slug", "slug is required");
        } else if (!SLUG.matcher(slug).matches()) {
            problems.add("slug", "slug must be 1 to 63 lowercase letters, digits and inner hyphens");
        }
        String title = problems.requiredLine("title", request.title(), 200);
        String description = request.description() == null ? ""
                : problems.multiLine("description", request.description(), 2000);
        String logoUrl = logoUrl(problems, request.logoUrl());
        String domain = customDomain(problems, request.customDomain(), apiHost);
        String password = request.password();
        if (password != null && !password.isEmpty()
                && problems.checkText("password", password, 200, false) && password.length() < 8) {
            problems.add("password", "password must be at least 8 characters");
        }
        List<String> allowedIps = allowedIps(problems, request.allowedIps());
        List<ValidComponent> components = components(problems, request.components(), notInWorkspace);
        String language = request.language();
        if (language != null && !LANGUAGES.contains(language)) {
            problems.add("language", "language must be one of " + String.join(", ", LANGUAGES));
        }
        problems.throwIfAny();
        return new ValidPage(slug, title, description == null ? "" : description, logoUrl, domain, password,
                allowedIps, components, language);
    }

    private static String logoUrl(FieldProblems problems, String text) {
        String value = problems.optionalLine("logoUrl", text, 2000);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            // Only web addresses: a javascript: or data: URL in an <img> of a public page is an attack vector.
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                problems.add("logoUrl", "logoUrl must be an http(s) URL with a host");
                return null;
            }
            return value;
        } catch (URISyntaxException e) {
            problems.add("logoUrl", "logoUrl is not a valid URL");
            return null;
        }
    }

    private static String customDomain(FieldProblems problems, String text, String apiHost) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String domain = text.strip().toLowerCase(Locale.ROOT);
        if (domain.length() > 253 || !HOSTNAME.matcher(domain).matches()) {
            problems.add("customDomain", "customDomain must be a host name such as status.example.com");
            return null;
        }
        if (domain.equals(apiHost)) {
            problems.add("customDomain", "customDomain must not be Vigil's own host");
            return null;
        }
        return domain;
    }

    private static List<String> allowedIps(FieldProblems problems, List<String> ips) {
        if (ips == null) {
            return List.of();
        }
        if (ips.size() > MAX_ALLOWED_IPS) {
            problems.add("allowedIps", "allowedIps may hold at most " + MAX_ALLOWED_IPS + " entries");
            return List.of();
        }
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < ips.size(); i++) {
            String entry = ips.get(i);
            String field = "allowedIps[" + i + "]";
            if (entry == null || !isIpOrCidr(entry.strip())) {
                problems.add(field, field + " must be an IP address or a CIDR range such as 203.0.113.0/24");
            } else {
                valid.add(entry.strip());
            }
        }
        return List.copyOf(valid);
    }

    /** Literal addresses only: a host name here would need a DNS lookup for every visit. */
    static boolean isIpOrCidr(String entry) {
        if (entry.length() > 43) {
            return false;
        }
        String[] parts = entry.split("/", -1);
        if (parts.length > 2) {
            return false;
        }
        boolean v4 = IPV4.matcher(parts[0]).matches();
        boolean v6 = !v4 && parts[0].contains(":") && IPV6.matcher(parts[0]).matches();
        if (!v4 && !v6) {
            return false;
        }
        if (v6) {
            try {
                // A literal with ':' is parsed, never resolved.
                java.net.InetAddress.getByName(parts[0]);
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        if (parts.length == 2) {
            if (!parts[1].matches("\\d{1,3}")) {
                return false;
            }
            int bits = Integer.parseInt(parts[1]);
            return bits <= (v4 ? 32 : 128);
        }
        return true;
    }

    private static List<ValidComponent> components(FieldProblems problems,
                                                   List<StatusPageRequest.ComponentRequest> list,
                                                   Function<List<UUID>, List<UUID>> notInWorkspace) {
        if (list == null) {
            problems.add("components", "components is required (it may be empty while the page is set up)");
            return List.of();
        }
        if (list.size() > MAX_COMPONENTS) {
            problems.add("components", "a page may show at most " + MAX_COMPONENTS + " components");
            return List.of();
        }
        List<ValidComponent> valid = new ArrayList<>();
        List<UUID> monitors = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            StatusPageRequest.ComponentRequest c = list.get(i);
            String field = "components[" + i + "]";
            if (c == null) {
                problems.add(field, field + " must be an object");
                continue;
            }
            String name = problems.requiredLine(field + ".name", c.name(), 200);
            String group = problems.optionalLine(field + ".group", c.group(), 200);
            if (c.monitorId() == null) {
                problems.add(field + ".monitorId", field + ".monitorId is required");
            } else {
                monitors.add(c.monitorId());
            }
            valid.add(new ValidComponent(name, c.monitorId(), group));
        }
        if (!monitors.isEmpty()) {
            List<UUID> foreign = notInWorkspace.apply(List.copyOf(new java.util.LinkedHashSet<>(monitors)));
            if (!foreign.isEmpty()) {
                problems.add("components", "not monitors of this workspace: " + foreign);
            }
        }
        return valid;
    }
}
