package dev.vigil.common.check;

import java.util.List;
import java.util.Map;

/**
 * An HTTP(S) request and the assertions its response must satisfy. With no assertions a 2xx or 3xx status passes.
 *
 * @param url             absolute http or https URL
 * @param method          HTTP method, upper case
 * @param headers         request headers (never secrets in logs: probes log only the URL)
 * @param body            request body, or null
 * @param followRedirects whether 3xx responses are followed (each hop vetted like the first)
 * @param assertions      conditions on the response
 */
public record HttpCheck(String url, String method, Map<String, String> headers, String body, boolean followRedirects,
                        List<Assertion> assertions) implements CheckSpec {

    public HttpCheck {
        method = method == null ? "GET" : method;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
    }

    /** A plain GET of a URL, following redirects, passing on 2xx/3xx. */
    public static HttpCheck get(String url) {
        return new HttpCheck(url, "GET", Map.of(), null, true, List.of());
    }

    @Override
    public MonitorType type() {
        return MonitorType.HTTP;
    }

    @Override
    public String target() {
        return url;
    }
}
