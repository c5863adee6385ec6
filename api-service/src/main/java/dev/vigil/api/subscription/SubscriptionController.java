package dev.vigil.api.subscription;

import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.common.net.BlockedAddressException;
import dev.vigil.common.net.TargetGuard;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The public subscription routes of a page: the form posts an address or a webhook URL (and optionally the
 * components to hear about), the confirmation link (mailed, or posted to the webhook) confirms it, and the link in
 * every later message (or a one-click POST from the mail client) unsubscribes. Answers are small HTML pages, or
 * JSON when the client asks for it ({@code Accept: application/json}).
 */
@RestController
@RequestMapping("/status/{slug}")
class SubscriptionController {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{32}");
    private static final int MAX_URL = 2000;

    private final Subscribers subscribers;
    private final ITemplateEngine templates;
    private final MessageSource messages;
    private final TargetGuard guard;

    SubscriptionController(Subscribers subscribers, ITemplateEngine templates, TargetGuard channelTargetGuard,
                           MessageSource messages) {
        this.subscribers = subscribers;
        this.messages = messages;
        this.templates = templates;
        this.guard = channelTargetGuard;
    }

    @PostMapping(value = "/subscribe", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> subscribe(@PathVariable String slug, @RequestParam(required = false) String email,
                                     @RequestParam(required = false) String webhook,
                                     @RequestParam(required = false) List<String> components,
                                     @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Subscribers.PublicPage page = page(slug);
        boolean json = accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE);
        FieldProblems problems = new FieldProblems();
        String address = problems.optionalLine("email", email, 254);
        String url = problems.optionalLine("webhook", webhook, MAX_URL);
        if ((address == null) == (url == null)) {
            problems.add("email", "give either an email address or a webhook URL");
        } else if (address != null && !EMAIL.matcher(address).matches()) {
            problems.add("email", "email must be an address such as you@example.com");
        } else if (url != null) {
            url = webhookUrl(url, problems);
        }
        List<UUID> chosen = components(page, components, problems);
        if (!problems.isEmpty()) {
            if (json) {
                problems.throwIfAny();
            }
            // The field's message is the API's (English); the heading is in the page's language.
            return html(HttpStatus.BAD_REQUEST, page, "subscription.invalid.heading", problems.list().getFirst()
                    .message() + ".");
        }
        if (address != null) {
            subscribers.subscribe(page, address.toLowerCase(Locale.ROOT), chosen);
            // The same answer whether or not the address was already subscribed: the form reveals no subscriber.
            return json ? json(Map.of("status", "confirmation_sent"))
                    : html(HttpStatus.ACCEPTED, page, "subscription.sent.heading", words(page,
                    "subscription.sent.text", address));
        }
        Subscribers.Subscribed done = subscribers.subscribeWebhook(page, url, chosen);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", done.queued() ? "confirmation_sent" : "unchanged");
        if (done.secret() != null) {
            answer.put("secret", done.secret());
        }
        if (json) {
            return json(answer);
        }
        return done.queued() ? html(HttpStatus.ACCEPTED, page, "subscription.webhook.heading",
                words(page, "subscription.webhook.text", url, done.secret()))
                : html(HttpStatus.ACCEPTED, page, "subscription.unchanged.heading",
                words(page, "subscription.unchanged.text"));
    }

    @GetMapping("/subscriptions/confirm")
    ResponseEntity<String> confirm(@PathVariable String slug, @RequestParam(required = false) String token) {
        Subscribers.PublicPage page = page(slug);
        if (token == null || !TOKEN.matcher(token).matches() || !subscribers.confirm(page.id(), token)) {
            return html(HttpStatus.NOT_FOUND, page, "subscription.badLink.heading",
                    words(page, "subscription.badLink.text"));
        }
        return html(HttpStatus.OK, page, "subscription.confirmed.heading",
                words(page, "subscription.confirmed.text", page.title()));
    }

    @GetMapping("/unsubscribe")
    ResponseEntity<String> unsubscribe(@PathVariable String slug, @RequestParam(required = false) String token) {
        Subscribers.PublicPage page = page(slug);
        if (token != null && TOKEN.matcher(token).matches()) {
            subscribers.unsubscribe(page.id(), token);
        }
        return html(HttpStatus.OK, page, "subscription.unsubscribed.heading",
                words(page, "subscription.unsubscribed.text", page.title()));
    }

    /** RFC 8058 one-click unsubscribe, which mail clients send as a POST to the List-Unsubscribe URL. */
    @PostMapping("/unsubscribe")
    ResponseEntity<String> unsubscribeOneClick(@PathVariable String slug,
                                               @RequestParam(required = false) String token) {
        return unsubscribe(slug, token);
    }

    /** An absolute http(s) URL without credentials whose host the SSRF guard permits (checked again at each send). */
    private String webhookUrl(String value, FieldProblems problems) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            problems.add("webhook", "webhook is not a valid URL");
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            problems.add("webhook", "webhook must be an absolute http(s) URL with a host and no credentials");
            return null;
        }
        try {
            guard.resolve(uri.getHost());
        } catch (BlockedAddressException e) {
            problems.add("webhook", "webhook is refused: " + e.getMessage());
            return null;
        } catch (UnknownHostException e) {
            // Not resolvable now: accepted, and vetted again at every send.
        }
        return value;
    }

    /** The chosen component ids, each one of this page's; empty means every component. */
    private List<UUID> components(Subscribers.PublicPage page, List<String> given, FieldProblems problems) {
        if (given == null || given.isEmpty()) {
            return List.of();
        }
        Set<UUID> known = subscribers.components(page.id()).stream().map(Subscribers.PageComponent::id)
                .collect(Collectors.toSet());
        List<UUID> chosen = new ArrayList<>();
        for (String id : given.stream().flatMap(v -> List.of(v.split(",")).stream()).map(String::strip)
                .filter(v -> !v.isEmpty()).distinct().toList()) {
            try {
                UUID uuid = UUID.fromString(id);
                if (known.contains(uuid)) {
                    chosen.add(uuid);
                    continue;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            problems.add("components", "components must name components of this page");
            return List.of();
        }
        return chosen;
    }

    private Subscribers.PublicPage page(String slug) {
        if (slug.length() > 63) {
            throw new NotFoundException("status page");
        }
        return subscribers.publicPage(slug).orElseThrow(() -> new NotFoundException("status page"));
    }

    private static ResponseEntity<String> json(Map<String, ?> body) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(dev.vigil.common.json.WireJson.write(body));
    }

    /** Fixed words in the page's language (i18n/status*.properties, as the page itself). */
    private String words(Subscribers.PublicPage page, String key, Object... args) {
        return messages.getMessage(key, args, Locale.forLanguageTag(page.language()));
    }

    private ResponseEntity<String> html(HttpStatus status, Subscribers.PublicPage page, String headingKey,
                                        String text) {
        Context context = new Context(Locale.forLanguageTag(page.language()));
        context.setVariable("title", page.title());
        context.setVariable("heading", words(page, headingKey));
        context.setVariable("text", text);
        context.setVariable("base", "/status/" + page.slug());
        context.setVariable("passwordForm", false);
        context.setVariable("failed", false);
        return ResponseEntity.status(status).header(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(templates.process("status/message", context));
    }
}
