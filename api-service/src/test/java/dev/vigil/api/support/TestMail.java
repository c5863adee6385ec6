package dev.vigil.api.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * One GreenMail SMTP server for every api-service test context: the service mails verification links, invitations
 * and reset links to it (as to the SMTP server the configuration names), and tests read those mails and follow the
 * links in them. Set as the lowest-precedence property source, so a test with an SMTP server of its own keeps it.
 */
public final class TestMail implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The public URL the api-service test contexts run with ({@link ApiServiceTest}). */
    public static final String PUBLIC_URL = "https://vigil.test";
    private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        SMTP.start();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addLast(new MapPropertySource("vigil-test-mail", Map.of(
                "spring.mail.host", "127.0.0.1", "spring.mail.port", SMTP.getSmtp().getPort())));
    }

    /** Every mail received so far to {@code address}, oldest first. */
    public static List<MimeMessage> to(String address) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> addressedTo(m, address)).toList();
    }

    /**
     * The path and query of the newest link to {@code path} (such as {@code /invitation}) in a mail to
     * {@code address}, waiting up to 20 s for {@code count} such mails: what a person clicks, on this test's server.
     */
    public static String link(String address, String path, int count) {
        Pattern link = Pattern.compile(Pattern.quote(PUBLIC_URL + path) + "\\?token=[A-Za-z0-9_-]+");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            List<String> links = to(address).stream().map(GreenMailUtil::getBody)
                    .map(body -> body.replace("=\r\n", "").replace("=\n", ""))
                    .map(link::matcher).filter(Matcher::find).map(Matcher::group).toList();
            if (links.size() >= count) {
                return links.getLast().substring(PUBLIC_URL.length());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " mails to " + address + " with a link to " + path);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for mail", e);
            }
        }
    }

    /** The newest link to {@code path} mailed to {@code address}. */
    public static String link(String address, String path) {
        return link(address, path, 1);
    }

    /** The token of the newest such link. */
    public static String token(String address, String path) {
        String found = link(address, path);
        return found.substring(found.indexOf("token=") + "token=".length());
    }

    private static boolean addressedTo(MimeMessage message, String address) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null && Arrays.stream(recipients).anyMatch(r -> r.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
