package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real commands against a real api-service (shared test database), in-process with their own environment. */
class VigilCliIT extends CliTestBase {

    static final String DOCUMENT = """
            version: 1
            alertChannels:
              - key: ops-hook
                name: Ops hook
                type: WEBHOOK
                config:
                  url: https://93.184.215.14/vigil-hook
                  secret: {env: HOOK_SECRET}
            monitors:
              - key: home
                name: Homepage
                type: HTTP
                url: https://example.com/health
                assertions:
                  - {source: STATUS_CODE, comparison: EQUALS, target: "200"}
                alertChannels: [ops-hook]
              - key: db
                name: Database
                type: TCP
                host: db.example.com
                port: 5432
            """;

    @Test
    void loginSavesTheKeyOwnerOnlyAndLaterCommandsUseIt() throws Exception {
        String key = signUp();

        Run wrong = vigil(Map.of(), "vk_not-a-key\n", "login", "--url", url());
        Run login = vigil(Map.of(), key + "\n", "login", "--url", url());
        Run whoami = vigil(Map.of(), "", "whoami");
        Run json = vigil(Map.of(), "", "whoami", "--output", "json");

        assertThat(wrong.exit()).as(wrong.err()).isEqualTo(ExitCodes.UNAUTHENTICATED);
        assertThat(login.exit()).as(login.err()).isZero();
        assertThat(login.out()).contains("Logged in to " + url() + " as OWNER of CLI workspace");
        Path config = home.resolve("config/config.json");
        assertThat(Files.readString(config)).contains(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.getParent())))
                .isEqualTo("rwx------");
        assertThat(whoami.exit()).as(whoami.err()).isZero();
        assertThat(whoami.out().lines().toList().getFirst()).matches("WORKSPACE +ID +ROLE +PLAN +API");
        assertThat(whoami.out()).contains("CLI workspace", "OWNER");
        assertThat(json.json().get("role").asString()).isEqualTo("OWNER");
    }

    @Test
    void planApplyAndExportAYamlFileWithItsSecretFromTheEnvironment() throws Exception {
        String key = signUp();
        Path document = file("vigil.yaml", DOCUMENT);

        Run noSecret = vigil(key, Map.of(), "plan", "-f", document.toString());
        Run plan = vigil(key, Map.of("HOOK_SECRET", "a-webhook-secret-0123456789"), "plan", "-f",
                document.toString(), "--detailed-exitcode");
        Run apply = vigil(key, Map.of("HOOK_SECRET", "a-webhook-secret-0123456789"), "apply", "-f",
                document.toString());
        Run again = vigil(key, Map.of("HOOK_SECRET", "a-webhook-secret-0123456789"), "plan", "-f",
                document.toString(), "--detailed-exitcode");

        assertThat(noSecret.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(noSecret.err()).contains("alertChannels[0].config.secret: HOOK_SECRET");
        assertThat(plan.exit()).as(plan.err()).isEqualTo(ExitCodes.CHANGES_PENDING);
        assertThat(plan.out()).contains("+ create  alertChannel  ops-hook  Ops hook")
                .contains("Plan: 3 to create, 0 to update, 0 to delete, 0 unchanged.");
        assertThat(apply.exit()).as(apply.err()).isZero();
        assertThat(apply.out()).contains("Applied: 3 to create");
        assertThat(again.exit()).as(again.out()).isZero();
        assertThat(again.out()).contains("Plan: 0 to create, 0 to update, 0 to delete, 3 unchanged.");

        Run list = vigil(key, Map.of(), "monitors", "list");
        assertThat(list.out().lines().toList()).hasSize(3);
        assertThat(list.out().lines().toList().get(1)).matches(".{36}  Homepage +HTTP +PENDING +GET https://example"
                + ".com/health +60s +-");

        Path exported = home.resolve("exported.yaml");
        Run export = vigil(key, Map.of(), "export", "--file", exported.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(Files.readString(exported)).contains("key: home", "env: VIGIL_OPS_HOOK_SECRET")
                .doesNotContain("a-webhook-secret");
        Run reapply = vigil(key, Map.of("VIGIL_OPS_HOOK_SECRET", "a-webhook-secret-0123456789"), "plan", "-f",
                exported.toString(), "--detailed-exitcode", "--prune");
        assertThat(reapply.exit()).as(reapply.out() + reapply.err()).isZero();

        Path smaller = file("smaller.yaml", DOCUMENT.substring(0, DOCUMENT.indexOf("  - key: db")));
        Run pruned = vigil(key, Map.of("HOOK_SECRET", "a-webhook-secret-0123456789"), "apply", "-f",
                smaller.toString(), "--prune", "--output", "json");
        assertThat(pruned.exit()).as(pruned.err()).isZero();
        assertThat(pruned.json().get("changes").get(0).get("action").asString()).isEqualTo("delete");
        assertThat(pruned.json().get("changes").get(0).get("key").asString()).isEqualTo("db");
    }

    @Test
    void monitorsArePausedResumedAndDeletedById() throws Exception {
        String key = signUp();
        String id = post("/api/v1/monitors", key, "{\"name\":\"Shop\",\"type\":\"TCP\",\"host\":\"shop.example.com\","
                + "\"port\":443}").get("id").asString();

        Run paused = vigil(key, Map.of(), "monitors", "pause", id, "--output", "json");
        Run shown = vigil(key, Map.of(), "monitors", "get", id);
        Run resumed = vigil(key, Map.of(), "monitors", "resume", id, "--output", "json");
        Run deleted = vigil(key, Map.of(), "monitors", "delete", id);
        Run gone = vigil(key, Map.of(), "monitors", "get", id);
        Run typo = vigil(key, Map.of(), "monitors", "get", "shop");

        assertThat(paused.json().get("status").asString()).isEqualTo("PAUSED");
        assertThat(shown.out()).contains("Shop", "PAUSED", "shop.example.com:443");
        assertThat(resumed.json().get("paused").asBoolean()).isFalse();
        assertThat(deleted.exit()).isZero();
        assertThat(gone.exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(gone.err()).startsWith("vigil: ");
        assertThat(typo.exit()).isEqualTo(ExitCodes.USAGE);
    }

    /**
     * Tags and groups from the command line (issue 22): the list shows each monitor's tags and filters by tag, by
     * group (subgroups included, or "none"), by status and by search text, combined; an unknown tag is the API's 400.
     */
    @Test
    void monitorsAreListedWithTheirTagsAndFilteredByTagGroupStatusAndSearch() throws Exception {
        String key = signUp();
        String prod = post("/api/v1/tags", key, "{\"name\":\"prod\",\"color\":\"#16a34a\"}").get("id").asString();
        String eu = post("/api/v1/monitor-groups", key, "{\"name\":\"EU\"}").get("id").asString();
        String berlin = post("/api/v1/monitor-groups", key, "{\"name\":\"Berlin\",\"parentId\":\"" + eu + "\"}")
                .get("id").asString();
        post("/api/v1/monitors", key, "{\"name\":\"Shop\",\"type\":\"TCP\",\"host\":\"shop.example.com\","
                + "\"port\":443,\"tagIds\":[\"" + prod + "\"],\"groupId\":\"" + berlin + "\"}");
        post("/api/v1/monitors", key, "{\"name\":\"Blog\",\"type\":\"TCP\",\"host\":\"blog.example.com\","
                + "\"port\":443,\"tagIds\":[\"" + prod + "\"],\"paused\":true}");
        post("/api/v1/monitors", key, "{\"name\":\"Lab\",\"type\":\"TCP\",\"host\":\"lab.example.com\","
                + "\"port\":443}");

        Run all = vigil(key, Map.of(), "monitors", "list");
        Run byTag = vigil(key, Map.of(), "monitors", "list", "--tag", "PROD", "--output", "json");
        Run byGroup = vigil(key, Map.of(), "monitors", "list", "--group", eu, "--output", "json");
        Run ungrouped = vigil(key, Map.of(), "monitors", "list", "--group", "none", "--status", "PAUSED",
                "--output", "json");
        Run searched = vigil(key, Map.of(), "monitors", "list", "--tag", "prod", "--search", "SHOP", "--output",
                "json");
        Run unknown = vigil(key, Map.of(), "monitors", "list", "--tag", "nope");

        assertThat(all.out().lines().filter(l -> l.contains("Shop")).findFirst().orElseThrow()).endsWith("prod");
        assertThat(all.out().lines().filter(l -> l.contains("Lab")).findFirst().orElseThrow()).endsWith("-");
        assertThat(names(byTag)).containsExactlyInAnyOrder("Shop", "Blog");
        assertThat(names(byGroup)).containsExactly("Shop");
        assertThat(names(ungrouped)).containsExactly("Blog");
        assertThat(names(searched)).containsExactly("Shop");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(unknown.err()).contains("tag");
    }

    private static java.util.List<String> names(Run run) {
        assertThat(run.exit()).as(run.err()).isZero();
        return run.json().valueStream().map(m -> m.get("name").asString()).toList();
    }

    @Test
    void failuresEndWithTheirExitCodeAndNameTheFieldsOfTheFile() throws Exception {
        String key = signUp();
        String viewer = post("/api/v1/api-keys", key, "{\"name\":\"read only\",\"role\":\"VIEWER\"}").get("key")
                .asString();
        Path broken = file("broken.yaml", DOCUMENT.replace("port: 5432", "port: 70000"));
        Path fine = file("fine.yaml", DOCUMENT.substring(0, DOCUMENT.indexOf("alertChannels:"))
                + DOCUMENT.substring(DOCUMENT.indexOf("monitors:")).replace("    alertChannels: [ops-hook]\n", ""));

        Run invalid = vigil(key, Map.of("HOOK_SECRET", "a-webhook-secret-0123456789"), "apply", "-f",
                broken.toString());
        Run forbidden = vigil(viewer, Map.of(), "apply", "-f", fine.toString());
        Run noKey = vigil(Map.of("VIGIL_URL", url()), "", "monitors", "list");
        Run unreachable = vigil(key, Map.of(), "whoami", "--url", "http://127.0.0.1:1");
        Run missingFile = vigil(key, Map.of(), "plan", "-f", home.resolve("nope.yaml").toString());
        Run usage = vigil(key, Map.of(), "plan");

        assertThat(invalid.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(invalid.err()).contains("monitors[1].port: port must be between 1 and 65535");
        assertThat(forbidden.exit()).as(forbidden.err()).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(noKey.exit()).isEqualTo(ExitCodes.UNAUTHENTICATED);
        assertThat(noKey.err()).contains("vigil login");
        assertThat(unreachable.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(missingFile.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(usage.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(vigil(key, Map.of(), "monitors", "list").out().lines().count()).isEqualTo(1);
    }

    @Test
    void aGatusConfigIsImportedAndAppliedEndToEnd() throws Exception {
        String key = signUp();
        Path config;
        // The first Gatus fixture: its channels need only the two secrets below. The importer's own tests read
        // gatus/config.yaml, which names every provider Gatus has.
        try (var in = VigilCliIT.class.getResourceAsStream("/gatus/config-end-to-end.yaml")) {
            config = file("gatus.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Path document = home.resolve("vigil.yaml");

        Run imported = vigil(key, Map.of(), "import", "gatus", config.toString(), "--file", document.toString());
        Run applied = vigil(key, Map.of("SLACK_WEBHOOK_URL", "https://93.184.215.14/slack-hook",
                "GATUS_PAGERDUTY_ROUTING_KEY", "a".repeat(32)), "apply", "-f", document.toString());
        Run list = vigil(key, Map.of(), "monitors", "list", "--output", "json");

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.err()).contains("Wrote " + document + " (14 monitors, 3 alert channels)",
                "Not imported (", "endpoints[11] (ssh)", "SLACK_WEBHOOK_URL: alerting.slack.webhook-url");
        assertThat(applied.exit()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("Applied: 17 to create");
        assertThat(list.json().valueStream().map(m -> m.get("name").asString()).toList()).contains("front-end",
                "back-end certificate", "redis", "ext-ep-test");
        assertThat(list.json().valueStream().map(m -> m.get("name").asString() + " " + m.get("type").asString()))
                .contains("icmp-ping PING", "ntp UDP", "live-feed WEBSOCKET", "mail SMTP",
                        "registration domain DOMAIN");
        assertThat(list.json().valueStream().filter(m -> m.get("name").asString().equals("certificate"))
                .findFirst().orElseThrow().get("status").asString()).isEqualTo("PAUSED");
    }

    @Test
    void aHealthchecksChecksListIsImportedAndAppliedEndToEnd() throws Exception {
        String key = signUp();
        Path checks;
        try (var in = VigilCliIT.class.getResourceAsStream("/healthchecks/checks.json")) {
            checks = file("checks.json", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Path document = home.resolve("heartbeats.yaml");

        Run imported = vigil(key, Map.of(), "import", "healthchecks", checks.toString(), "-f", document.toString());
        Run applied = vigil(key, Map.of(), "apply", "-f", document.toString());
        Run list = vigil(key, Map.of(), "monitors", "list", "--output", "json");

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.err()).contains("(3 monitors, 0 alert channels)", "checks[2] (Weekday report)");
        assertThat(applied.exit()).as(applied.err()).isZero();
        assertThat(list.json().valueStream().map(m -> m.get("type").asString() + " " + m.get("status").asString()))
                .containsExactly("HEARTBEAT PENDING", "HEARTBEAT PAUSED", "HEARTBEAT PENDING");
        // Cron checks keep their schedule and zone.
        assertThat(list.json().valueStream().map(m -> m.path("schedule").asString("") + "|"
                + m.path("timeZone").asString(""))).containsExactly("|", "15 5 * * *|UTC", "0 9 * * 1-5|Europe/Riga");
    }
}
