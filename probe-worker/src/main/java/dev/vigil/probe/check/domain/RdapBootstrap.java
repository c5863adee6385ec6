package dev.vigil.probe.check.domain;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * IANA's RDAP bootstrap registry for DNS, parsed (RFC 9224): {@code services} is a list of {@code [[labels...],
 * [urls...]]}; a domain is served by the entry with the longest label suffix of it, and of that entry's URLs an
 * https one is preferred.
 */
final class RdapBootstrap {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, URI> servers;

    private RdapBootstrap(Map<String, URI> servers) {
        this.servers = Map.copyOf(servers);
    }

    /**
     * Parses the bootstrap file.
     *
     * @throws IllegalArgumentException when it is not a bootstrap file
     */
    static RdapBootstrap parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the RDAP bootstrap file is not JSON: " + e.getOriginalMessage());
        }
        JsonNode services = root.path("services");
        if (!services.isArray()) {
            throw new IllegalArgumentException("the RDAP bootstrap file has no services list");
        }
        Map<String, URI> servers = new TreeMap<>();
        for (JsonNode service : services) {
            URI url = preferred(service.path(1));
            if (url == null) {
                continue;
            }
            for (JsonNode label : service.path(0)) {
                if (label.isString() && !label.asString().isBlank()) {
                    servers.put(normalise(label.asString()), url);
                }
            }
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("the RDAP bootstrap file names no RDAP server");
        }
        return new RdapBootstrap(servers);
    }

    /** The RDAP base URL of the registry of {@code domain} (ending in '/'), or empty when none is registered. */
    Optional<URI> serverFor(String domain) {
        String name = normalise(domain);
        for (String suffix = name; ; ) {
            URI server = servers.get(suffix);
            if (server != null) {
                return Optional.of(server);
            }
            int dot = suffix.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            suffix = suffix.substring(dot + 1);
        }
    }

    int size() {
        return servers.size();
    }

    private static URI preferred(JsonNode urls) {
        List<URI> candidates = new ArrayList<>();
        for (JsonNode url : urls) {
            if (!url.isString()) {
                continue;
            }
            try {
                URI uri = URI.create(url.asString().endsWith("/") ? url.asString() : url.asString() + "/");
                if ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) {
                    candidates.add(uri);
                }
            } catch (IllegalArgumentException e) {
                // a malformed entry: skip it, the others may do
            }
        }
        return candidates.stream().filter(u -> "https".equals(u.getScheme())).findFirst()
                .orElse(candidates.isEmpty() ? null : candidates.getFirst());
    }

    static String normalise(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
