package dev.vigil.api.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import dev.vigil.api.support.TestMail;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The account flows through the mails a person receives (GreenMail), following the links in them: address
 * verification, password reset (API and dashboard), the lock-out, and two-factor sign-in with TOTP and recovery codes.
 */
@ApiServiceTest
class AccountFlowsIT {

    private static final Pattern SECRET = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<");
    private static final Pattern RECOVERY = Pattern.compile("<li><code>([a-z0-9-]+)</code></li>");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void signUpMailsAVerificationLinkThatWorksOnce() {
        String email = "verify-" + UUID.randomUUID() + "@example.com";
        ApiClient.Response signup = new ApiClient(port).signUpAs(email);
        assertThat(signup.json().get("emailVerification").asString()).isEqualTo("PENDING");
        assertThat(verified(email)).isFalse();

        String link = TestMail.link(email, "/verify-email");
        ApiClient.Response first = new ApiClient(port).get(link);
        ApiClient.Response again = new ApiClient(port).get(link);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains("id=\"email-verified\"");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).contains("id=\"verify-invalid\"");
        assertThat(verified(email)).isTrue();
    }

    @Test
    void anUnverifiedPersonCanAskForANewLinkFromTheAccountPage() {
        String email = "resend-" + UUID.randomUUID() + "@example.com";
        DashboardSession browser = new DashboardSession(port);
        browser.signUp(email);
        assertThat(browser.get("/app/monitors").body()).contains("id=\"unverified-banner\"");
        TestMail.link(email, "/verify-email");
        // A minute later (a second link within a minute is not sent, so the form cannot flood a mailbox).
        jdbc.sql("UPDATE account_tokens SET created_at = created_at - interval '2 minutes' WHERE user_id = "
                + "(SELECT id FROM users WHERE lower(email) = lower(?))").param(email).update();

        browser.get("/app/account");
        assertThat(browser.post("/app/account/verification", Map.of()).location()).isEqualTo("/app/account");
        String newest = TestMail.link(email, "/verify-email", 2);
        assertThat(browser.get(newest).status()).isEqualTo(200);

        assertThat(verified(email)).isTrue();
        assertThat(browser.get("/app/monitors").body()).doesNotContain("id=\"unverified-banner\"");
    }

    @Test
    void theApiMailsANewConfirmationLinkToTheKeysPerson() {
        String email = "api-resend-" + UUID.randomUUID() + "@example.com";
        ApiClient person = new ApiClient(port).signUp(email);
        String first = TestMail.link(email, "/verify-email");

        ApiClient.Response tooSoon = person.post("/api/v1/account/email-verification");
        jdbc.sql("UPDATE account_tokens SET created_at = created_at - interval '2 minutes' WHERE user_id = "
                + "(SELECT id FROM users WHERE lower(email) = lower(?))").param(email).update();
        ApiClient.Response resent = person.post("/api/v1/account/email-verification");
        String second = TestMail.link(email, "/verify-email", 2);

        assertThat(tooSoon.status()).isEqualTo(202);
        assertThat(tooSoon.json().get("mailed").asBoolean()).isFalse();
        assertThat(resent.json().get("mailed").asBoolean()).isTrue();
        assertThat(new ApiClient(port).get(first).status()).as("the older link stopped working").isEqualTo(400);
        assertThat(new ApiClient(port).get(second).status()).isEqualTo(200);
        assertThat(person.post("/api/v1/account/email-verification").json().get("emailVerification").asString())
                .isEqualTo("VERIFIED");
    }

    @Test
    void aResetLinkSetsThePasswordOnceAndEndsEverySession() {
        String email = "reset-" + UUID.randomUUID() + "@example.com";
        DashboardSession before = new DashboardSession(port);
        before.signUp(email);
        assertThat(before.get("/app/monitors").status()).isEqualTo(200);

        DashboardSession asker = new DashboardSession(port);
        asker.get("/forgot-password");
        DashboardSession.Page asked = asker.post("/forgot-password", Map.of("email", email));
        assertThat(asked.body()).contains("id=\"reset-requested\"");
        String link = TestMail.link(email, "/reset-password");
        assertThat(asker.get(link).body()).contains("id=\"set-password\"");
        DashboardSession.Page done = asker.post("/reset-password", Map.of("token", link.substring(
                link.indexOf("token=") + 6), "password", "a brand new password"));

        assertThat(done.location()).isEqualTo("/login?reset");
        assertThat(before.get("/app/monitors").location()).as("the older session ended").isEqualTo("/login");
        assertThat(signIn(email, "dashboard password").location()).isEqualTo("/login?error");
        assertThat(signIn(email, "a brand new password").location()).isEqualTo("/app/monitors");
        assertThat(asker.get(link).body()).as("the link works once").contains("id=\"reset-invalid\"");
        assertThat(verified(email)).as("the reset mail proved the address").isTrue();
    }

    @Test
    void theApiResetsAPasswordWithTheMailedToken() {
        String email = "api-reset-" + UUID.randomUUID() + "@example.com";
        new ApiClient(port).signUpAs(email);
        ApiClient anonymous = new ApiClient(port);

        ApiClient.Response asked = anonymous.post("/api/v1/password-reset", Map.of("email", email));
        String token = TestMail.token(email, "/reset-password");
        ApiClient.Response shortPassword = anonymous.post("/api/v1/password-reset/complete",
                Map.of("token", token, "password", "short"));
        ApiClient.Response done = anonymous.post("/api/v1/password-reset/complete",
                Map.of("token", token, "password", "another long password"));
        ApiClient.Response replayed = anonymous.post("/api/v1/password-reset/complete",
                Map.of("token", token, "password", "yet another password"));

        assertThat(asked.status()).isEqualTo(202);
        assertThat(shortPassword.errorFields()).containsExactly("password");
        assertThat(done.status()).isEqualTo(204);
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(replayed.errorFields()).containsExactly("token");
        assertThat(signIn(email, "another long password").location()).isEqualTo("/app/monitors");
    }

    @Test
    void twoFactorSignInAsksForACodeAndTakesEachRecoveryCodeOnce() throws Exception {
        String email = "totp-" + UUID.randomUUID() + "@example.com";
        DashboardSession browser = new DashboardSession(port);
        browser.signUp(email);
        browser.get("/app/account");
        browser.post("/app/account/two-factor/start", Map.of());
        Matcher secretShown = SECRET.matcher(browser.get("/app/account").body());
        assertThat(secretShown.find()).isTrue();
        String secret = secretShown.group(1);
        assertThat(browser.post("/app/account/two-factor/enable", Map.of("code", "000000")).status())
                .isEqualTo(422);
        DashboardSession.Page enabled = browser.post("/app/account/two-factor/enable",
                Map.of("code", code(secret, 0)));
        List<String> recovery = RECOVERY.matcher(enabled.body()).results().map(m -> m.group(1)).toList();
        assertThat(recovery).hasSize(10);
        String stored = jdbc.sql("SELECT totp_secret FROM users WHERE lower(email) = lower(?)").param(email)
                .query(String.class).single();
        assertThat(stored).as("sealed at rest").doesNotContain(secret);

        DashboardSession second = new DashboardSession(port);
        DashboardSession.Page password = signIn(second, email, "dashboard password");
        assertThat(password.location()).isEqualTo("/login/code");
        assertThat(second.get("/app/monitors").location()).as("not signed in before the code").isEqualTo("/login");
        second.get("/login/code");
        assertThat(second.post("/login/code", Map.of("code", code(secret, 0))).status())
                .as("the code used to enrol is not taken again").isEqualTo(422);
        assertThat(second.post("/login/code", Map.of("code", code(secret, 1))).location())
                .as("back to the page asked for before signing in").startsWith("/app/monitors");
        assertThat(second.get("/app/monitors").status()).isEqualTo(200);

        DashboardSession third = new DashboardSession(port);
        signIn(third, email, "dashboard password");
        third.get("/login/code");
        assertThat(third.post("/login/code", Map.of("code", recovery.getFirst())).location())
                .isEqualTo("/app/monitors");
        DashboardSession fourth = new DashboardSession(port);
        signIn(fourth, email, "dashboard password");
        fourth.get("/login/code");
        assertThat(fourth.post("/login/code", Map.of("code", recovery.getFirst())).status())
                .as("a recovery code works once").isEqualTo(422);
    }

    /** The TOTP code {@code offset} steps from now, as an authenticator app computes it. */
    static String code(String secret, int offset) throws Exception {
        long step = Instant.now().getEpochSecond() / 30 + offset;
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
    }

    private DashboardSession.Page signIn(String email, String password) {
        return signIn(new DashboardSession(port), email, password);
    }

    private static DashboardSession.Page signIn(DashboardSession browser, String email, String password) {
        browser.get("/login");
        return browser.post("/login", Map.of("username", email, "password", password));
    }

    private boolean verified(String email) {
        return jdbc.sql("SELECT email_verified_at IS NOT NULL FROM users WHERE lower(email) = lower(?)").param(email)
                .query(Boolean.class).single();
    }
}
