package dev.vigil.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import dev.vigil.api.support.Tenant;
import dev.vigil.api.support.TestMail;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14's account attacks, performed against the running api-service (real PostgreSQL, mail through GreenMail):
 * each is tried as an attacker would and must be refused. The count of attacks tried and refused is printed.
 */
@ApiServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileAccountsIT {

    private static final String PASSWORD = "a long enough password";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final List<String> tried = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();

    /** Records one attack; {@code wasRefused} is what the service did. */
    private void attack(String name, boolean wasRefused) {
        tried.add(name);
        if (wasRefused) {
            refused.add(name);
        }
        assertThat(wasRefused).as("attack refused: " + name).isTrue();
    }

    @AfterAll
    void report() {
        System.out.printf("Account attacks: %d tried, %d refused%n", tried.size(), refused.size());
        tried.forEach(name -> System.out.println("  refused: " + name));
    }

    @Test
    void squattingSomeoneElsesAddressGetsNoWayIntoTheirWorkspace() {
        Tenant bigco = Tenant.create(port);
        String alice = "alice-" + UUID.randomUUID() + "@bigco.example";
        // The attacker signs up first with Alice's address; they never see her mailbox.
        ApiClient attacker = new ApiClient(port).signUp(alice);
        DashboardSession attackerBrowser = new DashboardSession(port);
        signIn(attackerBrowser, alice, PASSWORD);
        bigco.owner().post("/api/v1/members", Map.of("email", alice, "role", "ADMIN"));
        String link = TestMail.link(alice, "/invitation");
        String token = link.substring(link.indexOf("token=") + 6);

        attack("accept with a guessed token", new ApiClient(port).post("/api/v1/invitations/accept", Map.of(
                "token", "vgi_" + "A".repeat(32), "password", PASSWORD)).status() == 400);
        // Even holding the real link (forwarded, leaked), an unverified account joins nothing.
        ApiClient.Response viaApi = new ApiClient(port).post("/api/v1/invitations/accept",
                Map.of("token", token, "password", PASSWORD));
        attack("accept through the API as the unverified squatter", viaApi.status() == 403);
        attackerBrowser.get(link);
        DashboardSession.Page viaDashboard = attackerBrowser.post("/invitation/accept", Map.of("token", token));
        attack("accept in the dashboard as the unverified squatter", viaDashboard.status() == 403);
        attack("the squatter is not a member", !memberOf(bigco.workspaceId(), alice));
        attack("the squatter's dashboard does not list the workspace",
                !attackerBrowser.get("/app/monitors").body().contains(bigco.workspaceId().toString()));
        attack("the squatter's key does not reach the workspace",
                attacker.get("/api/v1/workspace").json().get("id").asString()
                        .equals(bigco.workspaceId().toString()) == false);

        // The real Alice resets the password through her mailbox: the squatter's session ends, she joins.
        new ApiClient(port).post("/api/v1/password-reset", Map.of("email", alice));
        new ApiClient(port).post("/api/v1/password-reset/complete", Map.of("token",
                TestMail.token(alice, "/reset-password"), "password", "alice's own password"));
        attack("the squatter's session survives a reset",
                "/login".equals(attackerBrowser.get("/app/monitors").location()));
        attack("the squatter's API key survives a reset", attacker.get("/api/v1/workspace").status() == 401);
        DashboardSession aliceBrowser = new DashboardSession(port);
        signIn(aliceBrowser, alice, "alice's own password");
        aliceBrowser.get(link);
        assertThat(aliceBrowser.post("/invitation/accept", Map.of("token", token)).location())
                .isEqualTo("/app/monitors");
        assertThat(memberOf(bigco.workspaceId(), alice)).isTrue();
    }

    @Test
    void theInviterNeverSeesTheInvitationToken() {
        Tenant tenant = Tenant.create(port);
        String invitee = "invitee-" + UUID.randomUUID() + "@example.com";
        ApiClient.Response added = tenant.owner().post("/api/v1/members", Map.of("email", invitee,
                "role", "OWNER"));
        String token = TestMail.token(invitee, "/invitation");
        String id = added.json().get("userId").asString();

        attack("token in the invite answer", !added.body().contains(token) && !added.body().contains("vgi_"));
        attack("token in the member list", !tenant.owner().get("/api/v1/members").body().contains(token));
        attack("token in the member", !tenant.owner().get("/api/v1/members/" + id).body().contains(token));
        attack("token in the audit log", !tenant.owner().get("/api/v1/audit-log").body().contains(token));
        DashboardSession inviter = new DashboardSession(port);
        String inviterEmail = "inviter-" + UUID.randomUUID() + "@example.com";
        inviter.signUp(inviterEmail);
        inviter.get("/app/members");
        DashboardSession.Page invited = inviter.post("/app/members", Map.of("email", invitee, "role", "ADMIN"));
        String dashboardToken = TestMail.token(invitee, "/invitation");
        attack("token on the dashboard's members page",
                !inviter.get(invited.location()).body().contains(dashboardToken));
        attack("inviter chooses the invitee's password with a made-up token", new ApiClient(port).post(
                "/api/v1/invitations/accept", Map.of("token", "vgi_" + UUID.randomUUID().toString().replace("-", ""),
                        "password", "the inviter's choice")).status() == 400);
    }

    @Test
    void anExistingAccountIsNotAddedWithoutItsConsent() {
        String victim = "victim-" + UUID.randomUUID() + "@example.com";
        ApiClient victimKey = new ApiClient(port).signUp(victim);
        new ApiClient(port).get(TestMail.link(victim, "/verify-email"));
        Tenant attacker = Tenant.create(port);

        ApiClient.Response added = attacker.owner().post("/api/v1/members", Map.of("email", victim,
                "role", "VIEWER"));
        attack("adding makes an existing account a member", "INVITED".equals(added.json().get("status")
                .asString()) && !memberOf(attacker.workspaceId(), victim));
        DashboardSession victimBrowser = new DashboardSession(port);
        signIn(victimBrowser, victim, PASSWORD);
        attack("the workspace appears in the victim's switcher",
                !victimBrowser.get("/app/monitors").body().contains(attacker.workspaceId().toString()));
        attack("the victim's key reaches the workspace", victimKey.get("/api/v1/workspace").json().get("id")
                .asString().equals(attacker.workspaceId().toString()) == false);
        String token = TestMail.token(victim, "/invitation");
        attack("accept on the victim's behalf without their password", new ApiClient(port).post(
                "/api/v1/invitations/accept", Map.of("token", token, "password", "the attacker's guess"))
                .status() == 400);
        DashboardSession someoneElse = new DashboardSession(port);
        someoneElse.signUp("other-" + UUID.randomUUID() + "@example.com");
        someoneElse.get("/invitation?token=" + token);
        attack("accept the victim's invitation signed in as another account",
                someoneElse.post("/invitation/accept", Map.of("token", token)).status() == 403);
        attack("still not a member after the attempts", !memberOf(attacker.workspaceId(), victim));
    }

    @Test
    void guessingPasswordsLocksTheAccountWithGrowingDelays() {
        String email = "brute-" + UUID.randomUUID() + "@example.com";
        new DashboardSession(port).signUp(email);
        DashboardSession guesser = new DashboardSession(port);
        guesser.get("/login");
        for (int i = 0; i < 4; i++) {
            assertThat(guesser.post("/login", Map.of("username", email, "password", "guess " + i)).location())
                    .isEqualTo("/login?error");
        }
        DashboardSession.Page fifth = guesser.post("/login", Map.of("username", email, "password", "guess 4"));
        attack("five wrong passwords in a row go unanswered", fifth.status() == 429);
        long firstLock = retryAfter(fifth);
        DashboardSession.Page right = guesser.post("/login", Map.of("username", email,
                "password", "dashboard password"));
        attack("the right password while locked signs in", right.status() == 429
                && right.location() == null);
        // The lock runs out (moved into the past rather than waited for); the next wrong guess locks longer.
        endLock(email);
        long secondLock = retryAfter(guesser.post("/login", Map.of("username", email, "password", "guess 5")));
        endLock(email);
        long thirdLock = retryAfter(guesser.post("/login", Map.of("username", email, "password", "guess 6")));
        System.out.printf("Lock-outs after 5, 6, 7 failures: %d s, %d s, %d s%n", firstLock, secondLock, thirdLock);
        attack("the delay does not grow", firstLock >= 30 && secondLock >= 2 * firstLock - 1
                && thirdLock >= 2 * secondLock - 1);
        long otherInstance = jdbc.sql("SELECT count(*) FROM sign_in_failures WHERE email = lower(?) "
                + "AND locked_until > now()").param(email).query(Long.class).single();
        attack("the lock lives in one instance's memory", otherInstance == 1);
    }

    @Test
    void invitationAndResetAnswersDoNotTellWhetherAnAddressIsRegistered() {
        String registered = "known-" + UUID.randomUUID() + "@example.com";
        new ApiClient(port).signUp(registered);
        new ApiClient(port).get(TestMail.link(registered, "/verify-email"));
        String unregistered = "unknown-" + UUID.randomUUID() + "@example.com";
        Tenant tenant = Tenant.create(port);

        JsonNode known = tenant.owner().post("/api/v1/members", Map.of("email", registered, "role", "VIEWER"))
                .json();
        JsonNode unknown = tenant.owner().post("/api/v1/members", Map.of("email", unregistered, "role", "VIEWER"))
                .json();
        attack("invite answer differs", shape(known, registered).equals(shape(unknown, unregistered)));
        JsonNode list = tenant.owner().get("/api/v1/members").json();
        JsonNode knownRow = list.get("items").valueStream().filter(m -> m.get("email").asString()
                .equals(registered)).findFirst().orElseThrow();
        JsonNode unknownRow = list.get("items").valueStream().filter(m -> m.get("email").asString()
                .equals(unregistered)).findFirst().orElseThrow();
        attack("member list status differs", shape(knownRow, registered).equals(shape(unknownRow, unregistered)));

        ApiClient.Response resetKnown = new ApiClient(port).post("/api/v1/password-reset", Map.of("email",
                registered));
        ApiClient.Response resetUnknown = new ApiClient(port).post("/api/v1/password-reset", Map.of("email",
                unregistered));
        attack("API reset answer differs", resetKnown.status() == resetUnknown.status()
                && resetKnown.body().equals(resetUnknown.body()));
        attack("dashboard reset page differs", forgotPage(registered).equals(forgotPage(unregistered)));

        // An unknown address is locked like a known one, so the lock-out tells nothing either.
        DashboardSession guesser = new DashboardSession(port);
        guesser.get("/login");
        int knownStatus = 0;
        int unknownStatus = 0;
        String knownLocked = "";
        String unknownLocked = "";
        for (int i = 0; i < 5; i++) {
            DashboardSession.Page k = guesser.post("/login", Map.of("username", registered, "password", "x" + i));
            DashboardSession.Page u = guesser.post("/login", Map.of("username", unregistered, "password", "x" + i));
            knownStatus = k.status();
            unknownStatus = u.status();
            knownLocked = k.location() == null ? retryAfter(k) + "" : k.location();
            unknownLocked = u.location() == null ? retryAfter(u) + "" : u.location();
        }
        attack("lock-out differs for unregistered addresses", knownStatus == 429 && unknownStatus == 429
                && knownLocked.equals(unknownLocked));
    }

    @Test
    void mailedTokensWorkOnlyForTheirPurposeAndOnce() {
        String email = "tokens-" + UUID.randomUUID() + "@example.com";
        new ApiClient(port).signUp(email);
        String verifyToken = TestMail.token(email, "/verify-email");
        attack("a verification token used as a reset token", new ApiClient(port).post(
                "/api/v1/password-reset/complete", Map.of("token", verifyToken, "password", "taken over now"))
                .status() == 400);
        new ApiClient(port).get("/verify-email?token=" + verifyToken);
        attack("a verification link used twice",
                new ApiClient(port).get("/verify-email?token=" + verifyToken).status() == 400);
        jdbc.sql("UPDATE account_tokens SET created_at = created_at - interval '2 minutes' WHERE user_id = "
                + "(SELECT id FROM users WHERE lower(email) = lower(?))").param(email).update();
        new ApiClient(port).post("/api/v1/password-reset", Map.of("email", email));
        String resetToken = TestMail.token(email, "/reset-password");
        jdbc.sql("UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = "
                + "(SELECT id FROM users WHERE lower(email) = lower(?)) AND purpose = 'RESET_PASSWORD'")
                .param(email).update();
        attack("an expired reset link", new ApiClient(port).post("/api/v1/password-reset/complete", Map.of(
                "token", resetToken, "password", "taken over now")).status() == 400);
    }

    private String forgotPage(String email) {
        DashboardSession browser = new DashboardSession(port);
        browser.get("/forgot-password");
        DashboardSession.Page page = browser.post("/forgot-password", Map.of("email", email));
        return page.status() + page.body().replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "")
                .replaceAll("content=\"[^\"]+\"", "");
    }

    /** The answer with what legitimately differs (the address, the ids, the times) taken out. */
    private static String shape(JsonNode member, String email) {
        return member.toString().replace(email, "EMAIL")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID")
                .replaceAll("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z", "TIME");
    }

    private void endLock(String email) {
        jdbc.sql("UPDATE sign_in_failures SET locked_until = now() - interval '1 second' WHERE email = lower(?)")
                .param(email).update();
    }

    private static long retryAfter(DashboardSession.Page page) {
        java.util.regex.Matcher seconds = java.util.regex.Pattern.compile("try again in (\\d+) seconds")
                .matcher(page.body());
        return seconds.find() ? Long.parseLong(seconds.group(1)) : -1;
    }

    private boolean memberOf(UUID workspaceId, String email) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM workspace_members m JOIN users u ON u.id = m.user_id
                                       WHERE m.workspace_id = ? AND lower(u.email) = lower(?))""")
                .params(workspaceId, email).query(Boolean.class).single();
    }

    private static void signIn(DashboardSession browser, String email, String password) {
        browser.get("/login");
        browser.post("/login", Map.of("username", email, "password", password));
    }
}
