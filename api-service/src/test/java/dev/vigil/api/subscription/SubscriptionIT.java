package dev.vigil.api.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiEndpoints;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.Tenant;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Double opt-in through a real SMTP server (GreenMail): the test follows the links the mails carry. */
@ApiServiceTest
class SubscriptionIT {

    private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ApiClient.Response form(String path, String body) {
        ApiClient client = new ApiClient(port);
        return client.send(client.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The mails to {@code address} received so far, waiting until there are {@code count}. */
    private List<MimeMessage> mailsTo(String address, int count) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<MimeMessage> mails = Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
                try {
                    return m.getAllRecipients()[0].toString().equals(address);
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            if (mails.size() >= count) {
                return mails;
            }
            SMTP.waitForIncomingEmail(500, 1);
        }
        throw new AssertionError("fewer than " + count + " mails to " + address);
    }

    /** A link of a mail, pointed at this test's server instead of the public URL. */
    private String link(MimeMessage mail, String path) throws Exception {
        String text = (String) mail.getContent();
        Matcher link = Pattern.compile("https://vigil\\.test(/status/[a-z0-9-]+/" + path + "\\?token=[A-Za-z0-9_-]+)")
                .matcher(text);
        assertThat(link.find()).as("a %s link in %s", path, text).isTrue();
        return link.group(1);
    }

    @Test
    void aConfirmedSubscriberGetsUpdatesAndMaintenanceUntilUnsubscribing() throws Exception {
        ApiClient api = new ApiClient(port).signUp();
        String monitor = api.post("/api/v1/monitors", ApiEndpoints.httpMonitor("checkout")).json().get("id")
                .asString();
        String slug = "mail-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/status-pages", Map.of("slug", slug, "title", "Shop", "components",
                List.of(Map.of("name", "Checkout", "monitorId", monitor)))).status()).isEqualTo(201);
        String ann = "ann-" + UUID.randomUUID() + "@example.com";
        String bob = "bob-" + UUID.randomUUID() + "@example.com";

        ApiClient.Response subscribed = form("/status/" + slug + "/subscribe", "email=" + ann);
        assertThat(form("/status/" + slug + "/subscribe", "email=" + bob).status()).isEqualTo(202);
        assertThat(subscribed.status()).isEqualTo(202);
        assertThat(subscribed.body()).contains("Check your inbox");
        MimeMessage confirmation = mailsTo(ann, 1).getFirst();
        assertThat(confirmation.getSubject()).isEqualTo("Confirm your subscription to Shop status");
        assertThat(form("/status/" + slug + "/subscribe", "email=" + ann).status()).as("no second mail")
                .isEqualTo(202);

        ApiClient.Response confirmed = new ApiClient(port).get(link(confirmation, "subscriptions/confirm"));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Subscribed");
        assertThat(new ApiClient(port).get("/status/" + slug + "/subscriptions/confirm?token=" + "A".repeat(32))
                .status()).isEqualTo(404);

        UUID workspace = UUID.fromString(api.get("/api/v1/workspace").json().get("id").asString());
        UUID incident = new Tenant(workspace, null, api, null, null, null).addOpenIncident(jdbc,
                UUID.fromString(monitor));
        assertThat(api.post("/api/v1/incidents/" + incident + "/updates", Map.of("status", "identified",
                "message", "The payment provider is down.")).status()).isEqualTo(201);
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        assertThat(api.post("/api/v1/maintenances", Map.of("title", "Checkout upgrade", "monitorIds",
                List.of(monitor), "startsAt", start.toString(), "endsAt", start.plusSeconds(3600).toString()))
                .status()).isEqualTo(201);

        List<MimeMessage> mails = mailsTo(ann, 3);
        MimeMessage update = mails.get(1);
        assertThat(update.getSubject()).isEqualTo("[Shop] Identified: Checkout");
        assertThat((String) update.getContent()).contains("The payment provider is down.");
        assertThat(update.getHeader("List-Unsubscribe")[0]).contains("/status/" + slug + "/unsubscribe?token=");
        assertThat(mails.get(2).getSubject()).isEqualTo("[Shop] Scheduled maintenance: Checkout upgrade");
        assertThat(mailsTo(bob, 1)).as("an unconfirmed address gets only its confirmation").hasSize(1);

        ApiClient.Response unsubscribed = new ApiClient(port).get(link(update, "unsubscribe"));
        assertThat(unsubscribed.status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM status_page_subscribers WHERE email = ?").param(ann)
                .query(Long.class).single()).isZero();
        assertThat(form("/status/" + slug + "/subscribe", "email=not-an-address").status()).isEqualTo(400);
    }
}
