package dev.vigil.api.monitor;

import dev.vigil.api.web.FieldProblem;
import dev.vigil.api.web.InvalidRequestException;
import dev.vigil.common.check.CheckSpec;
import dev.vigil.common.check.HttpCheck;
import dev.vigil.common.region.RegionProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Turns an API request into validated {@link MonitorSettings}, collecting every problem at once so a person can fix
 * them in one go.
 */
@Component
class MonitorDefinitions {

    private static final int DEFAULT_INTERVAL_SECONDS = 60;
    private static final int DEFAULT_TIMEOUT_MS = 10_000;
    private static final int MIN_TIMEOUT_MS = 100;

    private final MonitorProperties limits;
    private final RegionProperties regions;

    MonitorDefinitions(MonitorProperties limits, RegionProperties regions) {
        this.limits = limits;
        this.regions = regions;
    }

    MonitorSettings settingsOf(MonitorRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = request.name() == null ? null : request.name().trim();
        if (name == null || name.isEmpty()) {
            problems.add(new FieldProblem("name", "name is required"));
        } else if (name.length() > 200) {
            problems.add(new FieldProblem("name", "name must be at most 200 characters"));
        }
        CheckSpec check = checkOf(request, problems);

        int interval = request.intervalSeconds() == null ? DEFAULT_INTERVAL_SECONDS : request.intervalSeconds();
        if (interval < limits.minIntervalSeconds() || interval > limits.maxIntervalSeconds()) {
            problems.add(new FieldProblem("intervalSeconds", "intervalSeconds must be between "
                    + limits.minIntervalSeconds() + " and " + limits.maxIntervalSeconds()));
        }
        int timeout = request.timeoutMs() == null ? Math.min(DEFAULT_TIMEOUT_MS, interval * 1000) : request.timeoutMs();
        if (timeout < MIN_TIMEOUT_MS || timeout > limits.maxTimeoutMs()) {
            problems.add(new FieldProblem("timeoutMs", "timeoutMs must be between " + MIN_TIMEOUT_MS + " and "
                    + limits.maxTimeoutMs()));
        } else if (timeout > interval * 1000L) {
            problems.add(new FieldProblem("timeoutMs", "timeoutMs must not exceed the interval ("
                    + interval * 1000L + " ms)"));
        }

        List<String> chosen = request.regions() == null || request.regions().isEmpty()
                ? regions.ids() : List.copyOf(new LinkedHashSet<>(request.regions()));
        for (String region : chosen) {
            if (!regions.contains(region)) {
                problems.add(new FieldProblem("regions", "unknown region '" + region + "'; available: "
                        + String.join(", ", regions.ids())));
            }
        }
        int confirmations = request.confirmations() == null ? Math.min(1, chosen.size() - 1) : request.confirmations();
        if (confirmations < 0 || confirmations > Math.max(chosen.size() - 1, 0)) {
            problems.add(new FieldProblem("confirmations", "confirmations must be between 0 and the number of "
                    + "other regions (" + Math.max(chosen.size() - 1, 0) + ")"));
        }
        Integer degradedAbove = request.degradedAboveMs();
        if (degradedAbove != null && (degradedAbove < 1 || degradedAbove > timeout)) {
            problems.add(new FieldProblem("degradedAboveMs", "degradedAboveMs must be between 1 and timeoutMs"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new MonitorSettings(name, check, interval, timeout, chosen, confirmations, degradedAbove,
                Boolean.TRUE.equals(request.paused()));
    }

    private CheckSpec checkOf(MonitorRequest request, List<FieldProblem> problems) {
        if (request.type() == null) {
            problems.add(new FieldProblem("type", "type is required"));
            return null;
        }
        if (!"HTTP".equals(request.type())) {
            problems.add(new FieldProblem("type", "type must be HTTP"));
            return null;
        }
        String url = request.url();
        if (url == null || url.isBlank()) {
            problems.add(new FieldProblem("url", "url is required for HTTP monitors"));
            return null;
        }
        try {
            URI uri = new URI(url);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                problems.add(new FieldProblem("url", "url must start with http:// or https://"));
            } else if (uri.getHost() == null) {
                problems.add(new FieldProblem("url", "url must name a host"));
            }
        } catch (URISyntaxException e) {
            problems.add(new FieldProblem("url", "url is not a valid URL: " + e.getReason()));
        }
        String method = request.method() == null ? "GET" : request.method().toUpperCase(java.util.Locale.ROOT);
        return new HttpCheck(url, method, request.headers() == null ? Map.of() : request.headers(), request.body(),
                request.followRedirects() == null || request.followRedirects(), request.assertions());
    }
}
