package dev.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.common.testing.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Status page subscribers against the running services, every part real: PostgreSQL, ElasticMQ, the four services
 * and three probe regions, GreenMail as the SMTP server, loopback HTTP servers as the monitored targets and as a
 * webhook subscriber. A monitor outage mails a confirmed subscriber once when it opens and once when it resolves; a
 * 5-second blip on another component mails nobody; a subscriber who chose only that component hears nothing; the
 * webhook subscriber receives the same events signed the Standard Webhooks way; the RSS feed parses as RSS 2.0.
 */
@OwnStack
class SubscriberNotificationsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PUBLIC_URL = "https://vigil.test";
    /** The subscriber delay here; production's default is 60 s. Longer than a 5-second blip's incident. */
    private static final Duration DELAY = Duration.ofSeconds(25);

    private static TestDatabase database;
    private static LocalStack stack;
    private static GreenMail smtp;
    private static HttpServer target;
    private static HttpServer receiver;
    private static final AtomicBoolean checkoutDown = new AtomicBoolean();
    private static final AtomicBoolean searchDown = new AtomicBoolean();
    private static final List<Received> webhooks = new CopyOnWriteArrayList<>();

    private record Received(Map<String, String> headers, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    @BeforeAll
    static void startEverything() throws Exception {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/checkout", exchange -> answer(exchange, checkoutDown.get()));
        target.createContext("/search", exchange -> answer(exchange, searchDown.get()));
        target.start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            webhooks.add(new Received(Map.of(
                    "webhook-id", exchange.getRequestHeaders().getFirst("webhook-id"),
                    "webhook-timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    "webhook-signature", exchange.getRequestHeaders().getFirst("webhook-signature")), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        database = TestDatabase.create();
        stack = LocalStack.start(new LocalStackOptions(database.jdbcUrl(), Path.of("unused"), 0, 0,
                LocalStackOptions.LOCAL_REGIONS, Map.of("vigil.sqs.wait-time", "1s",
                "spring.mail.host", "127.0.0.1", "spring.mail.port", Integer.toString(smtp.getSmtp().getPort()),
                "vigil.api.public-url", PUBLIC_URL, "vigil.subscribers.public-url", PUBLIC_URL,
                "vigil.subscribers.delay", DELAY.toSeconds() + "s", "vigil.subscribers.retry-base", "1s")));
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, boolean down) throws java.io.IOException {
        exchange.sendResponseHeaders(down ? 503 : 200, -1);
        exchange.close();
    }

    @AfterAll
    static void stopEverything() {
        if (stack != null) {
            stack.close();
        }
        for (HttpServer server : new HttpServer[] {target, receiver}) {
            if (server != null) {
                server.stop(0);
            }
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void anOutageIsMailedWhenItOpensAndResolvesAndABlipToNobody() throws Exception {
        String key = TestApi.call(stack, "POST", "/api/v1/signup", null, Map.of("email", "subs-" + UUID.randomUUID()
                + "@example.com", "password", "subscriber password", "workspace", "Subs")).get("apiKey").asString();
        String base = "http://127.0.0.1:" + target.getAddress().getPort();
        String checkout = monitor(key, "Checkout backend", base + "/checkout");
        String search = monitor(key, "Search backend", base + "/search");
        String slug = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        TestApi.call(stack, "POST", "/api/v1/status-pages", key, Map.of("slug", slug, "title", "Shop",
                "components", List.of(Map.of("name", "Checkout", "monitorId", checkout),
                        Map.of("name", "Search", "monitorId", search))));
        String searchComponent = JSON.readTree(get("/status/" + slug + "/summary.json").body()).get("components")
                .valueStream().filter(c -> c.get("name").asString().equals("Search")).findFirst().orElseThrow()
                .get("id").asString();

        // 1. Subscribers: ann hears of everything, carl chose Search only, and a webhook hears of everything.
        String ann = "ann@example.com";
        String carl = "carl@example.com";
        assertThat(subscribe(slug, "email=" + enc(ann)).statusCode()).isEqualTo(202);
        assertThat(subscribe(slug, "email=" + enc(carl) + "&components=" + searchComponent).statusCode())
                .isEqualTo(202);
        HttpResponse<String> hook = subscribe(slug, "webhook=" + enc("http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/hook"));
        assertThat(hook.statusCode()).isEqualTo(202);
        String secret = JSON.readTree(hook.body()).get("secret").asString();
        for (String address : List.of(ann, carl)) {
            MimeMessage confirmation = mailsTo(address, 1, Duration.ofSeconds(30)).getFirst();
            assertThat(confirmation.getSubject()).isEqualTo("[Shop] Confirm your subscription to Shop status");
            assertThat(get(link((String) confirmation.getContent(), "subscriptions/confirm")).statusCode())
                    .isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !webhooks.isEmpty());
        JsonNode confirm = webhooks.getFirst().json();
        assertThat(confirm.get("event").asString()).isEqualTo("subscription.confirm");
        assertThat(get(confirm.get("confirmUrl").asString().substring(PUBLIC_URL.length())).statusCode())
                .isEqualTo(200);

        // 2. Both monitors up, then Checkout down for 45 s and Search for 5 s.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                hasOkResult(key, checkout) && hasOkResult(key, search));
        checkoutDown.set(true);
        searchDown.set(true);
        Thread.sleep(5_000);
        searchDown.set(false);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                incidents(key, checkout).size() == 1);
        Thread.sleep(40_000);
        checkoutDown.set(false);

        // 3. Ann: the opening and the resolution of Checkout, each once; nothing about Search.
        List<MimeMessage> annMails = mailsTo(ann, 3, Duration.ofSeconds(150));
        JsonNode outage = incidents(key, checkout).getFirst();
        assertThat(outage.get("status").asString()).isEqualTo("RESOLVED");
        // Normally the blip is confirmed by a second region and opens an incident that resolves a round later;
        // on a slow machine the confirmation may come after the recovery and open none. Either way: no mail.
        List<JsonNode> blips = incidents(key, search);
        assertThat(blips).as("the blip opened at most one incident, resolved by now").hasSizeLessThanOrEqualTo(1)
                .allMatch(i -> i.get("status").asString().equals("RESOLVED"));
        System.out.println("blip incidents opened: " + blips.size());
        Thread.sleep(DELAY.plusSeconds(8).toMillis());  // anything still to come about the blip would be here now
        annMails = mailsTo(ann, 3, Duration.ZERO);
        assertThat(annMails).hasSize(3);
        assertThat(annMails.get(1).getSubject()).isEqualTo("[Shop] Outage: Checkout");
        assertThat(annMails.get(2).getSubject()).isEqualTo("[Shop] Resolved: Checkout");
        String resolvedText = (String) annMails.get(2).getContent();
        assertThat(resolvedText).doesNotContain("127.0.0.1").contains("/status/" + slug + "/unsubscribe?token=");
        assertThat(annMails.get(2).getHeader("List-Unsubscribe")[0]).contains("/unsubscribe?token=");
        assertThat(mailsTo(carl, 1, Duration.ZERO)).as("carl chose Search only; its blip is told to nobody")
                .hasSize(1);

        // 4. The webhook: the same two events, signed with the secret it was given.
        List<Received> events = new ArrayList<>(webhooks.subList(1, webhooks.size()));
        assertThat(events).extracting(r -> r.json().get("event").asString())
                .containsExactly("incident.opened", "incident.resolved");
        for (Received event : webhooks) {
            assertThat(event.headers().get("webhook-signature")).isEqualTo(sign(secret, event));
            assertThat(event.json().get("deliveryId").asString()).isEqualTo(event.headers().get("webhook-id"));
        }
        assertThat(events.get(0).json().at("/components/0/name").asString()).isEqualTo("Checkout");
        assertThat(events.get(1).json().at("/incident/id").asString()).isEqualTo(outage.get("id").asString());
        assertThat(events.get(1).body()).doesNotContain("127.0.0.1");

        // 5. Unsubscribing by the mailed link still works.
        assertThat(get(link(resolvedText, "unsubscribe")).statusCode()).isEqualTo(200);

        // 6. The RSS feed parses as RSS 2.0 and names every incident: the outage's, and the blip's if it opened one
        //    (see above: on a slow machine it may open none).
        HttpResponse<String> rss = get("/status/" + slug + "/feed.rss");
        assertThat(rss.statusCode()).isEqualTo(200);
        assertThat(rss.headers().firstValue("Content-Type").orElse("")).startsWith("application/rss+xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document feed = factory.newDocumentBuilder().parse(new ByteArrayInputStream(rss.body()
                .getBytes(StandardCharsets.UTF_8)));
        Element root = feed.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("rss");
        assertThat(root.getAttribute("version")).isEqualTo("2.0");
        Element channel = (Element) root.getElementsByTagName("channel").item(0);
        for (String required : List.of("title", "link", "description")) {
            assertThat(channel.getElementsByTagName(required).getLength()).as(required).isPositive();
        }
        NodeList items = channel.getElementsByTagName("item");
        assertThat(items.getLength()).isEqualTo(1 + incidents(key, search).size());
        for (int i = 0; i < items.getLength(); i++) {
            Element item = (Element) items.item(i);
            String pubDate = item.getElementsByTagName("pubDate").item(0).getTextContent();
            assertThat(ZonedDateTime.parse(pubDate, DateTimeFormatter.RFC_1123_DATE_TIME)).isNotNull();
            assertThat(item.getElementsByTagName("guid").item(0).getTextContent()).startsWith("urn:uuid:");
        }
    }

    private static String monitor(String key, String name, String url) throws Exception {
        return TestApi.call(stack, "POST", "/api/v1/monitors", key, Map.of("name", name, "type", "HTTP",
                "url", url, "intervalSeconds", 5, "regions", LocalStackOptions.LOCAL_REGIONS)).get("id").asString();
    }

    private static boolean hasOkResult(String key, String monitor) throws Exception {
        return TestApi.call(stack, "GET", "/api/v1/monitors/" + monitor + "/results", key, null).get("items")
                .valueStream().anyMatch(r -> r.get("ok").asBoolean());
    }

    private static List<JsonNode> incidents(String key, String monitor) throws Exception {
        return TestApi.call(stack, "GET", "/api/v1/incidents?monitorId=" + monitor, key, null).get("items")
                .valueStream().toList();
    }

    private static HttpResponse<String> subscribe(String slug, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/status/" + slug + "/subscribe"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The mails to {@code address}, waiting up to {@code wait} until there are at least {@code count}. */
    private static List<MimeMessage> mailsTo(String address, int count, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            List<MimeMessage> mails = new ArrayList<>();
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address))) {
                    mails.add(m);
                }
            }
            if (mails.size() >= count || System.nanoTime() > deadline) {
                assertThat(mails.size()).as("mails to " + address).isGreaterThanOrEqualTo(count);
                return mails;
            }
            smtp.waitForIncomingEmail(500, 1);
        }
    }

    /** A link of a mail, as a path of this stack's api. */
    private static String link(String text, String path) {
        Matcher link = Pattern.compile(Pattern.quote(PUBLIC_URL) + "(/status/[a-z0-9-]+/" + path
                + "\\?token=[A-Za-z0-9_-]+)").matcher(text);
        assertThat(link.find()).as("a %s link in %s", path, text).isTrue();
        return link.group(1);
    }

    /** The Standard Webhooks signature the receiver expects: HMAC-SHA256 of id.timestamp.body, key from whsec_. */
    private static String sign(String secret, Received event) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed = event.headers().get("webhook-id") + "." + event.headers().get("webhook-timestamp") + "."
                + event.body();
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
