package dev.vigil.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.queue.QueueSpec;
import dev.vigil.common.queue.QueueTopology;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Synthesises the whole deployment offline and checks what the operations issue asks of it. */
class VigilAppTests {

    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-1");
    private static final DeploymentSettings SETTINGS = new DeploymentSettings("123456789012", "us-east-1", REGIONS,
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/vigil", "1.2.3",
            "arn:aws:acm:us-east-1:123456789012:certificate/abc", "https://vigil.example.com",
            DeploymentSettings.Size.SMALL);

    private static Template home;
    private static Template europe;

    @BeforeAll
    static void synthesise() {
        App app = new App();
        HomeRegionStack homeStack = VigilApp.build(app, SETTINGS);
        home = Template.fromStack(homeStack);
        europe = Template.fromStack((software.amazon.awscdk.Stack) app.getNode().findChild("VigilProbes-eu-west-1"));
    }

    @Test
    void everyServiceRollsOutWithoutLosingCapacityAndRollsBackAFailedRelease() {
        Map<String, Map<String, Object>> services = home.findResources("AWS::ECS::Service");
        assertThat(services).hasSize(4);
        home.allResourcesProperties("AWS::ECS::Service", Match.objectLike(Map.of(
                "DeploymentConfiguration", Map.of(
                        "MinimumHealthyPercent", 100,
                        "MaximumPercent", 200,
                        "DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true)))));
        europe.allResourcesProperties("AWS::ECS::Service", Match.objectLike(Map.of(
                "DeploymentConfiguration", Match.objectLike(Map.of("MinimumHealthyPercent", 100)))));
    }

    @Test
    void aSerialCollectorsHeapStartsAtItsFullSizeSoItsYoungGenerationIsNotLeftSmall() {
        ServiceSpec quarter = new ServiceSpec("probe", "probe-worker", 256, 512, 1, 0,
                Duration.seconds(60), Map.of(), Map.of(), false);
        assertThat(VigilFargateService.jvmOptions(quarter)).contains("-XX:+UseSerialGC", "-XX:MaxRAMPercentage=55",
                "-XX:InitialRAMPercentage=55");
        ServiceSpec whole = new ServiceSpec("api", "api-service", 1024, 2048, 1, 1,
                Duration.seconds(60), Map.of(), Map.of(), false);
        assertThat(VigilFargateService.jvmOptions(whole)).contains("-XX:+UseG1GC", "-XX:MaxRAMPercentage=65")
                .doesNotContain("InitialRAMPercentage");
    }

    @Test
    void theSchedulerAlwaysRunsTwoTasksOneOfThemOnDemand() {
        home.hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of(
                "ServiceName", "vigil-scheduler", "DesiredCount", 2,
                "CapacityProviderStrategy", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("CapacityProvider", "FARGATE", "Base", 1)))))));
    }

    @Test
    void theSchedulerHealsEveryRegionsProbeServiceWithinBounds() {
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        String settings = json.valueToTree(home.findResources("AWS::ECS::TaskDefinition")).findValues("Environment")
                .stream().flatMap(env -> env.valueStream())
                .filter(variable -> variable.get("Name").asString().equals("SPRING_APPLICATION_JSON"))
                .map(variable -> variable.get("Value").asString()).findFirst().orElseThrow();
        tools.jackson.databind.JsonNode ecs = json.readTree(settings).get("vigil").get("fleet").get("ecs");

        assertThat(ecs.get("enabled").asBoolean()).isTrue();
        for (String region : REGIONS) {
            tools.jackson.databind.JsonNode service = ecs.get("regions").get(region);
            assertThat(service.get("aws-region").asString()).isEqualTo(region);
            assertThat(service.get("service").asString()).isEqualTo("vigil-probe");
            assertThat(service.get("max-tasks").asInt()).isGreaterThan(service.get("min-tasks").asInt());
        }
    }

    @Test
    void aMediumDeploymentRunsTheApiInTwoZonesWithAMultiAzDatabaseAndNatGateways() {
        App app = new App();
        DeploymentSettings medium = new DeploymentSettings(SETTINGS.account(), SETTINGS.homeRegion(), REGIONS,
                SETTINGS.imageRegistry(), SETTINGS.imageTag(), null, null, DeploymentSettings.Size.MEDIUM);
        Template template = Template.fromStack(VigilApp.build(app, medium));

        template.hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of(
                "ServiceName", "vigil-api", "DesiredCount", 2)));
        template.hasResourceProperties("AWS::RDS::DBInstance", Match.objectLike(Map.of("MultiAZ", true)));
        template.resourceCountIs("AWS::EC2::NatGateway", 2);
    }

    @Test
    void everyProbeRegionHasAProbeService() {
        home.hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of("ServiceName", "vigil-probe")));
        europe.resourceCountIs("AWS::ECS::Service", 1);
        for (Map<String, String> variable : List.of(Map.of("Name", "VIGIL_PROBE_REGION", "Value", "eu-west-1"),
                Map.of("Name", "VIGIL_SQS_REGION", "Value", "us-east-1"))) {
            europe.hasResourceProperties("AWS::ECS::TaskDefinition", Match.objectLike(Map.of(
                    "ContainerDefinitions", List.of(Match.objectLike(Map.of(
                            "Environment", Match.arrayWith(List.of(variable)),
                            "StopTimeout", 75))))));
        }
    }

    @Test
    void probesHoldNoDatabaseCredentials() {
        for (Template template : List.of(home, europe)) {
            template.findResources("AWS::ECS::TaskDefinition").values().stream()
                    .filter(r -> r.toString().contains("VIGIL_PROBE_REGION"))  // the probe task definitions
                    .forEach(r -> assertThat(r.toString()).doesNotContain("VIGIL_DB_"));
        }
    }

    @Test
    void everyQueueOfTheTopologyExistsWithItsDeadLetterQueueAfterThreeReceives() {
        List<QueueSpec> specs = QueueTopology.all(QueueNames.unprefixed(), REGIONS);
        home.resourceCountIs("AWS::SQS::Queue", specs.size() * 2);
        for (QueueSpec spec : specs) {
            home.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                    "QueueName", spec.name(),
                    "VisibilityTimeout", (int) spec.visibilityTimeout().toSeconds(),
                    "MessageRetentionPeriod", (int) spec.retention().toSeconds(),
                    "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", 3)))));
            home.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                    "QueueName", spec.deadLetterName(), "MessageRetentionPeriod", 1_209_600)));
        }
    }

    @Test
    void theLoadBalancerChecksReadinessAndHidesMetrics() {
        home.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Match.objectLike(Map.of(
                "HealthCheckPath", "/readyz",
                "HealthCheckPort", "traffic-port",
                "TargetGroupAttributes", Match.arrayWith(List.of(Map.of(
                        "Key", "deregistration_delay.timeout_seconds", "Value", "30"))))));
        home.hasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Match.objectLike(Map.of(
                "Actions", List.of(Match.objectLike(Map.of("Type", "fixed-response"))),
                "Conditions", List.of(Match.objectLike(Map.of("Field", "path-pattern"))))));
        home.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Match.objectLike(Map.of(
                "Port", 443, "Protocol", "HTTPS")));
    }

    @Test
    void secretsComeFromSecretsManagerNeverFromPlainEnvironment() {
        home.hasResourceProperties("AWS::ECS::TaskDefinition", Match.objectLike(Map.of(
                "ContainerDefinitions", List.of(Match.objectLike(Map.of(
                        "Secrets", Match.arrayWith(List.of(Match.objectLike(Map.of("Name", "VIGIL_DB_PASSWORD"))))))))));
        home.findResources("AWS::ECS::TaskDefinition").values().forEach(task ->
                assertThat(environmentNames(task)).doesNotContain("VIGIL_DB_PASSWORD", "VIGIL_CHANNEL_ENCRYPTION_KEY"));
        home.hasResourceProperties("AWS::RDS::DBInstance", Match.objectLike(Map.of(
                "StorageEncrypted", true, "PubliclyAccessible", false, "DeletionProtection", true)));
    }

    @Test
    void aSmallDeploymentUsesOneNatInstanceAndProbesNeedNoNat() {
        home.resourceCountIs("AWS::EC2::NatGateway", 0);
        home.hasResourceProperties("AWS::EC2::Instance", Match.objectLike(Map.of("InstanceType", "t4g.nano")));
        europe.resourceCountIs("AWS::EC2::NatGateway", 0);
        europe.resourceCountIs("AWS::EC2::Instance", 0);
    }

    @Test
    void onlyProbesHavePublicAddresses() {
        home.findResources("AWS::ECS::Service").forEach((id, service) -> {
            String text = service.toString();
            boolean probe = text.contains("vigil-probe");
            assertThat(text).as(id).contains(probe ? "AssignPublicIp=ENABLED" : "AssignPublicIp=DISABLED");
        });
    }

    @Test
    void fewerThanThreeProbeRegionsIsRefused() {
        assertThatThrownBy(() -> new DeploymentSettings("1", "us-east-1", List.of("us-east-1", "eu-west-1"), "r",
                "t", null, null, DeploymentSettings.Size.SMALL)).hasMessageContaining("at least three");
    }

    @SuppressWarnings("unchecked")
    @Test
    void everyServiceServesActuatorOnTheManagementPortOnly() {
        home.findResources("AWS::ECS::TaskDefinition").values().forEach(task ->
                assertThat(environmentNames(task)).contains("SERVER_PORT", "MANAGEMENT_SERVER_PORT"));
        home.findResources("AWS::EC2::SecurityGroupIngress").values().forEach(rule ->
                assertThat(rule.toString()).doesNotContain("FromPort=" + ServiceSpec.MANAGEMENT_PORT));
    }

    private static List<String> environmentNames(Map<String, Object> task) {
        Map<String, Object> properties = (Map<String, Object>) task.get("Properties");
        List<Map<String, Object>> containers = (List<Map<String, Object>>) properties.get("ContainerDefinitions");
        return containers.stream()
                .flatMap(c -> ((Collection<Map<String, Object>>) c.getOrDefault("Environment", List.of())).stream())
                .map(e -> (String) e.get("Name"))
                .toList();
    }
}
