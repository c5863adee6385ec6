package dev.vigil.api.subscription;

import dev.vigil.api.web.FieldProblems;
import java.util.Locale;
import java.util.regex.Pattern;
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
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The public subscription routes of a page: the form posts an address, the mailed link confirms it, and the link in
 * every later mail (or a one-click POST from the mail client) unsubscribes. Answers are small HTML pages.
 */
@RestController
@RequestMapping("/status/{slug}")
class SubscriptionController {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{32}");

    private final Subscribers subscribers;
    private final SubscriberMailer mailer;
    private final ITemplateEngine templates;

    SubscriptionController(Subscribers subscribers, SubscriberMailer mailer, ITemplateEngine templates) {
        this.subscribers = subscribers;
        this.mailer = mailer;
        this.templates = templates;
    }

    @PostMapping(value = "/subscribe", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> subscribe(@PathVariable String slug, @RequestParam(required = false) String email) {
        Subscribers.PublicPage page = page(slug);
        FieldProblems problems = new FieldProblems();
        String address = problems.optionalLine("email", email, 254);
        if (address == null || !EMAIL.matcher(address).matches()) {
            return html(HttpStatus.BAD_REQUEST, page, "That address does not look right",
                    "Enter an email address such as you@example.com.");
        }
        subscribers.subscribe(page.id(), address.toLowerCase(Locale.ROOT))
                .ifPresent(token -> mailer.sendConfirmation(address, page.slug(), page.title(), token));
        // The same answer whether or not the address was already subscribed: the form reveals no subscriber.
        return html(HttpStatus.ACCEPTED, page, "Check your inbox",
                "We sent a confirmation link to " + address + ". Updates start once you open it.");
    }

    @GetMapping("/subscriptions/confirm")
    ResponseEntity<String> confirm(@PathVariable String slug, @RequestParam(required = false) String token) {
        Subscribers.PublicPage page = page(slug);
        if (token == null || !TOKEN.matcher(token).matches() || !subscribers.confirm(page.id(), token)) {
            return html(HttpStatus.NOT_FOUND, page, "Link not valid",
                    "This confirmation link is unknown or was replaced by a newer one.");
        }
        return html(HttpStatus.OK, page, "Subscribed",
                "You will receive incident updates and maintenance announcements of " + page.title() + ".");
    }

    @GetMapping("/unsubscribe")
    ResponseEntity<String> unsubscribe(@PathVariable String slug, @RequestParam(required = false) String token) {
        Subscribers.PublicPage page = page(slug);
        if (token != null && TOKEN.matcher(token).matches()) {
            subscribers.unsubscribe(page.id(), token);
        }
        return html(HttpStatus.OK, page, "Unsubscribed", "You will not receive further mails of "
                + page.title() + ".");
    }

    /** RFC 8058 one-click unsubscribe, which mail clients send as a POST to the List-Unsubscribe URL. */
    @PostMapping("/unsubscribe")
    ResponseEntity<String> unsubscribeOneClick(@PathVariable String slug,
                                               @RequestParam(required = false) String token) {
        return unsubscribe(slug, token);
    }

    private Subscribers.PublicPage page(String slug) {
        if (slug.length() > 63) {
            throw new dev.vigil.api.web.NotFoundException("status page");
        }
        return subscribers.publicPage(slug).orElseThrow(() -> new dev.vigil.api.web.NotFoundException("status page"));
    }

    private ResponseEntity<String> html(HttpStatus status, Subscribers.PublicPage page, String heading, String text) {
        Context context = new Context(Locale.ROOT);
        context.setVariable("title", page.title());
        context.setVariable("heading", heading);
        context.setVariable("text", text);
        context.setVariable("base", "/status/" + page.slug());
        context.setVariable("passwordForm", false);
        context.setVariable("failed", false);
        return ResponseEntity.status(status).header(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(templates.process("status/message", context));
    }
}
