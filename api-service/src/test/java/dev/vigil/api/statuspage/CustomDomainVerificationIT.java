package dev.vigil.api.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiEndpoints;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.api.support.DashboardSession;
import dev.vigil.api.support.LoopbackDns;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A custom domain is served only after a TXT record proves the workspace controls it, looked up through the
 * configured resolver (here a loopback DNS server): claiming someone else's domain serves nothing, and a claim never
 * blocks the domain's owner.
 */
@ApiServiceTest
class CustomDomainVerificationIT {

    private static final LoopbackDns DNS = LoopbackDns.start();

    @DynamicPropertySource
    static void resolver(DynamicPropertyRegistry registry) {
        registry.add("vigil.status-pages.domain-resolver", DNS::address);
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    @LocalServerPort
    int port;

    private ApiClient.Response page(ApiClient owner, String title, String domain) {
        String monitor = owner.post("/api/v1/monitors", ApiEndpoints.httpMonitor("web")).json().get("id").asString();
        return owner.post("/api/v1/status-pages", Map.of("slug", "dv-" + UUID.randomUUID().toString().substring(0, 8),
                "title", title, "customDomain", domain,
                "components", List.of(Map.of("name", "Website", "monitorId", monitor))));
    }

    @Test
    void aDomainIsServedOnlyOnceItsTxtRecordHoldsThePagesToken() {
        String domain = "status." + UUID.randomUUID().toString().substring(0, 8) + ".example";
        ApiClient owner = new ApiClient(port).signUp();
        ApiClient.Response created = page(owner, "Owner's page", domain);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.json().get("id").asString();
        JsonNode challenge = created.json().get("domainVerification");
        assertThat(challenge.get("name").asString()).isEqualTo("_vigil-challenge." + domain);
        assertThat(challenge.get("type").asString()).isEqualTo("TXT");
        assertThat(challenge.get("verified").asBoolean()).isFalse();
        String token = challenge.get("value").asString();

        assertThat(RawHttp.get(port, domain, "/").body()).doesNotContain("Owner&#39;s page");
        ApiClient.Response early = owner.post("/api/v1/status-pages/" + id + "/domain-verification");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.isProblem()).isTrue();
        assertThat(early.json().get("detail").asString()).contains("_vigil-challenge." + domain).contains(token);

        DNS.txt("_vigil-challenge." + domain, "v=something-else", token);
        ApiClient.Response verified = owner.post("/api/v1/status-pages/" + id + "/domain-verification");

        assertThat(verified.status()).as("%s", verified).isEqualTo(200);
        assertThat(verified.json().get("domainVerification").get("verified").asBoolean()).isTrue();
        assertThat(DNS.asked()).contains("_vigil-challenge." + domain + ".");
        RawHttp.Response served = RawHttp.get(port, domain, "/");
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.body()).contains("Owner&#39;s page");

        // A new domain needs a new proof.
        String other = "status2." + UUID.randomUUID().toString().substring(0, 8) + ".example";
        ApiClient.Response moved = owner.put("/api/v1/status-pages/" + id, Map.of("slug", created.json().get("slug")
                .asString(), "title", "Owner's page", "customDomain", other, "components", List.of()));
        assertThat(moved.status()).as("%s", moved).isEqualTo(200);
        assertThat(moved.json().get("domainVerification").get("verified").asBoolean()).isFalse();
        assertThat(moved.json().get("domainVerification").get("value").asString()).isNotEqualTo(token);
    }

    @Test
    void theDashboardShowsTheRecordToCreateAndVerifiesIt() {
        String domain = "status." + UUID.randomUUID().toString().substring(0, 8) + ".example";
        DashboardSession browser = new DashboardSession(port);
        ApiClient api = new ApiClient(port).withKey(browser.signUp("dv-" + UUID.randomUUID() + "@example.com"));
        JsonNode created = page(api, "Dashboard page", domain).json();
        String id = created.get("id").asString();
        String token = created.get("domainVerification").get("value").asString();

        DashboardSession.Page form = browser.get("/app/status-pages/" + id + "/edit");
        assertThat(form.body()).contains("_vigil-challenge." + domain).contains(token)
                .contains("Not verified yet").contains("id=\"verify-domain\"");
        DashboardSession.Page early = browser.post("/app/status-pages/" + id + "/domain-verification", Map.of());
        assertThat(early.status()).isEqualTo(302);
        assertThat(browser.get(early.location()).body()).contains("No TXT record");

        DNS.txt("_vigil-challenge." + domain, token);
        DashboardSession.Page verified = browser.post("/app/status-pages/" + id + "/domain-verification", Map.of());
        assertThat(verified.status()).isEqualTo(302);
        assertThat(browser.get(verified.location()).body()).contains("Verified: the page is served at this domain.");
        assertThat(RawHttp.get(port, domain, "/").body()).contains("Dashboard page");
    }

    @Test
    void claimingSomeoneElsesDomainServesNothingAndDoesNotBlockItsOwner() {
        String domain = "status." + UUID.randomUUID().toString().substring(0, 8) + ".example";
        ApiClient attacker = new ApiClient(port).signUp();
        ApiClient.Response claim = page(attacker, "Phishing page", domain);
        assertThat(claim.status()).as("%s", claim).isEqualTo(201);
        String claimId = claim.json().get("id").asString();

        ApiClient owner = new ApiClient(port).signUp();
        ApiClient.Response real = page(owner, "Real page", domain);
        assertThat(real.status()).as("the claim does not block the owner: %s", real).isEqualTo(201);
        DNS.txt("_vigil-challenge." + domain, real.json().get("domainVerification").get("value").asString());

        ApiClient.Response attempt = attacker.post("/api/v1/status-pages/" + claimId + "/domain-verification");
        assertThat(attempt.status()).isEqualTo(409);
        assertThat(RawHttp.get(port, domain, "/").body()).doesNotContain("Phishing page");
        System.out.println("attack: claim a custom domain one does not control and have it verified -> "
                + attempt.status() + ", refused; the page is not served there");

        assertThat(owner.post("/api/v1/status-pages/" + real.json().get("id").asString() + "/domain-verification")
                .status()).isEqualTo(200);
        assertThat(RawHttp.get(port, domain, "/").body()).contains("Real page").doesNotContain("Phishing page");
        // The attacker publishing the owner's token would need the owner's DNS; copying it into the claim is
        // impossible (the token is generated), so the claim stays unverified.
        assertThat(attacker.post("/api/v1/status-pages/" + claimId + "/domain-verification").status())
                .isEqualTo(409);
    }
}
