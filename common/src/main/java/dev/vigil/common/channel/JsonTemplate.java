package dev.vigil.common.channel;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.reflect.Guard;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import com.github.mustachejava.util.Wrapper;
import dev.vigil.common.json.WireJson;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;

/**
 * A tenant's JSON body template for a {@code TEMPLATE_WEBHOOK} channel (Mustache), the same for the api-service, which
 * refuses a template whose sample rendering is not JSON, and the alerting service, which renders it for every event.
 *
 * <p>Tenant input meets the server here, so the template language is cut down: every value is JSON-string-escaped,
 * also in {@code {{{triple}}}} and {@code {{&ampersand}}} tags (a monitor named {@code "}, {@code "x":1} cannot add a
 * field); partials are never loaded (no template can read a file of the server); names are looked up in maps only,
 * never as methods or fields of Java objects ({@code {{monitor.name.class}}} is empty). Compile a template for each
 * rendering (it is cheap): mustache.java caches lookups per compiled template.
 */
public final class JsonTemplate {

    /** The longest template, in characters. */
    public static final int MAX_LENGTH = 8000;

    private static final DefaultMustacheFactory FACTORY = new RestrictedFactory();

    private final Mustache mustache;

    private JsonTemplate(Mustache mustache) {
        this.mustache = mustache;
    }

    /** The template compiled, or an {@link IllegalArgumentException} saying why it is not one. */
    public static JsonTemplate compile(String source) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("the template is empty");
        }
        if (source.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the template is longer than " + MAX_LENGTH + " characters");
        }
        try {
            return new JsonTemplate(FACTORY.compile(new StringReader(source), "channel-template"));
        } catch (MustacheException e) {
            throw new IllegalArgumentException("not a valid Mustache template: " + firstLine(e.getMessage()));
        }
    }

    /** The template rendered for {@code scope}; an {@link IllegalArgumentException} when the result is not JSON. */
    public String render(Map<String, Object> scope) {
        StringWriter out = new StringWriter();
        try {
            mustache.execute(out, scope).flush();
        } catch (MustacheException e) {
            throw new IllegalArgumentException("the template failed to render: " + firstLine(e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String json = out.toString();
        try {
            WireJson.mapper().readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readValue(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the template does not render valid JSON: "
                    + firstLine(e.getOriginalMessage()));
        }
        return json;
    }

    /**
     * What a template sees: the event's webhook payload (docs/api.md: {@code event}, {@code occurredAt},
     * {@code monitor.*}, {@code incident.*}, ...) and, at the top, {@code deliveryId}, {@code title},
     * {@code severity}, {@code link} and {@code text} (title, facts and link as plain lines).
     */
    public static Map<String, Object> scope(Map<String, Object> payload, String deliveryId, String title,
                                            String severity, String link, String text) {
        Map<String, Object> scope = new LinkedHashMap<>(payload);
        scope.put("deliveryId", deliveryId);
        scope.put("title", title);
        scope.put("severity", severity);
        scope.put("link", link);
        scope.put("text", text);
        return scope;
    }

    /** A scope with every field set, for checking a template when it is saved. */
    public static Map<String, Object> sampleScope() {
        Map<String, Object> monitor = Map.of("id", "00000000-0000-0000-0000-000000000001", "name", "Sample \"monitor\"",
                "type", "HTTP", "target", "https://example.com/health");
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("id", "00000000-0000-0000-0000-000000000002");
        incident.put("monitorId", monitor.get("id"));
        incident.put("kind", "DOWN");
        incident.put("status", "OPEN");
        incident.put("cause", "HTTP status 503");
        incident.put("regions", List.of("eu-west-1", "us-east-1"));
        incident.put("startedAt", "2026-01-01T00:00:00Z");
        incident.put("resolvedAt", "2026-01-01T00:05:00Z");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", "incident.opened");
        payload.put("occurredAt", "2026-01-01T00:00:00Z");
        payload.put("monitor", monitor);
        payload.put("incident", incident);
        payload.put("message", "Sample message\nwith a second line");
        return scope(payload, "00000000-0000-0000-0000-000000000003", "DOWN: Sample \"monitor\"", "CRITICAL",
                "https://vigil.example/incidents/00000000-0000-0000-0000-000000000002",
                "DOWN: Sample \"monitor\"\nCause: HTTP status 503");
    }

    private static String firstLine(String message) {
        return String.valueOf(message).lines().findFirst().orElse("");
    }

    /** JSON-escaping, partial-less, map-only Mustache. */
    private static final class RestrictedFactory extends DefaultMustacheFactory {

        RestrictedFactory() {
            super(name -> null); // no partial is ever read from the class path or the file system
            setObjectHandler(new MapsOnly());
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                String quoted = WireJson.write(value);
                writer.write(quoted, 1, quoted.length() - 2);
            } catch (IOException e) {
                throw new MustacheException("failed to write", e);
            }
        }

        @Override
        public MustacheVisitor createMustacheVisitor() {
            return new DefaultMustacheVisitor(this) {
                @Override
                public void value(TemplateContext tc, String variable, boolean encoded) {
                    super.value(tc, variable, true); // {{{x}}} and {{&x}} are escaped too
                }
            };
        }

        @Override
        public Mustache compilePartial(String name) {
            throw new MustacheException("partials are not supported");
        }
    }

    /** Looks names up in maps only: no method or field of any Java object is reachable from a template. */
    private static final class MapsOnly extends ReflectionObjectHandler {

        @Override
        protected Wrapper findWrapper(int scopeIndex, Wrapper[] wrappers, List<Guard> guards, Object scope,
                                      String name) {
            return scope instanceof Map ? super.findWrapper(scopeIndex, wrappers, guards, scope, name) : null;
        }

        @Override
        protected boolean areMethodsAccessible(Map<?, ?> map) {
            return false;
        }
    }
}
