package dev.vigil.infra;

import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.queue.QueueSpec;
import dev.vigil.common.queue.QueueTopology;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.NatInstanceProps;
import software.amazon.awscdk.services.ec2.NatProvider;
import software.amazon.awscdk.services.ec2.NatTrafficDirection;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.rds.StorageType;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The home region: network, PostgreSQL, every queue, the API behind the load balancer, the scheduler (two tasks,
 * one active), the alerting service, and this region's probe fleet.
 */
public final class HomeRegionStack extends Stack {

    /** The API and the alerting service drain within Spring's 60 s shutdown phase; the scheduler within seconds. */
    static final Duration SERVICE_STOP_TIMEOUT = Duration.seconds(75);

    private final VigilFargateService api;
    private final VigilFargateService scheduler;
    private final VigilFargateService alerting;
    private final VigilFargateService probe;
    private final ApiLoadBalancer loadBalancer;

    public HomeRegionStack(Construct scope, String id, DeploymentSettings settings) {
        super(scope, id, StackProps.builder()
                .env(Environment.builder().account(settings.account()).region(settings.homeRegion()).build())
                .description("Vigil home region: database, queues, API, scheduler, alerting, probes")
                .build());
        Vpc vpc = Vpc.Builder.create(this, "Vpc")
                .maxAzs(2)
                // Small: one NAT instance (a t4g.nano, about $3 a month) instead of NAT gateways ($32 each);
                // medium and up: a managed NAT gateway per zone. Probes do not use it (they have public IPs).
                .natGateways(settings.size().managedNat() ? 2 : 1)
                .natGatewayProvider(settings.size().managedNat() ? NatProvider.gateway()
                        : NatProvider.instanceV2(NatInstanceProps.builder()
                                .instanceType(InstanceType.of(InstanceClass.BURSTABLE4_GRAVITON, InstanceSize.NANO))
                                .defaultAllowedTraffic(NatTrafficDirection.OUTBOUND_ONLY)
                                .build()))
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24)
                                .build(),
                        SubnetConfiguration.builder().name("services").subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                                .cidrMask(22).build(),
                        SubnetConfiguration.builder().name("data").subnetType(SubnetType.PRIVATE_ISOLATED)
                                .cidrMask(24).build()))
                .build();
        Cluster cluster = Cluster.Builder.create(this, "Cluster").clusterName("vigil").vpc(vpc)
                .enableFargateCapacityProviders(true).build();

        QueueNames names = QueueNames.unprefixed();
        List<QueueSpec> queueSpecs = QueueTopology.all(names, settings.probeRegions());
        new QueueResources(this, "Queues", queueSpecs);
        QueueArns arns = new QueueArns(settings.account(), settings.homeRegion());

        // Database: PostgreSQL in isolated subnets, credentials generated into Secrets Manager.
        SecurityGroup databaseGroup = group(vpc, "DatabaseSecurityGroup", "Vigil PostgreSQL");
        DatabaseInstance database = DatabaseInstance.Builder.create(this, "Database")
                .engine(DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder()
                        .version(PostgresEngineVersion.of("16.4", "16")).build()))
                .instanceType(InstanceType.of(InstanceClass.BURSTABLE4_GRAVITON, InstanceSize.MICRO))
                .vpc(vpc)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build())
                .securityGroups(List.of(databaseGroup))
                .credentials(Credentials.fromGeneratedSecret("vigil"))
                .databaseName("vigil")
                .allocatedStorage(20)
                .maxAllocatedStorage(200)
                .storageType(StorageType.GP3)
                .storageEncrypted(true)
                .multiAz(settings.size().multiAzDatabase())
                .backupRetention(Duration.days(7))
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.SNAPSHOT)
                .build();
        // Secrets Manager draws characters, not bytes: the channel key is 64 hex digits (32 random bytes), a form
        // the services read as well as base64 (SecretBox.ofKey).
        software.amazon.awscdk.services.secretsmanager.Secret appSecrets = generatedSecret("AppSecrets", "vigil/app",
                "Vigil application secrets: the key that encrypts alert channel secrets", "channelEncryptionKey",
                SecretStringGenerator.builder().passwordLength(64).excludeUppercase(true).excludePunctuation(true)
                        .includeSpace(false).excludeCharacters("ghijklmnopqrstuvwxyz"));
        // One key for every api task, so a private status page's access cookie is valid on all of them (a key per
        // process would log visitors out whenever the load balancer picks another task).
        software.amazon.awscdk.services.secretsmanager.Secret statusAccess = generatedSecret("StatusAccessSecret",
                "vigil/status-access", "Vigil: the key of private status pages' access cookies (api-service)",
                "statusAccessSecret", SecretStringGenerator.builder().passwordLength(48).excludePunctuation(true));

        Map<String, String> common = ServiceEnvironment.common(settings);
        Map<String, String> withDatabase = ServiceEnvironment.with(common, Map.of("VIGIL_DB_URL",
                "jdbc:postgresql://" + database.getDbInstanceEndpointAddress() + ":"
                        + database.getDbInstanceEndpointPort() + "/vigil"));
        Map<String, Secret> databaseSecrets = Map.of(
                "VIGIL_DB_USER", Secret.fromSecretsManager(database.getSecret(), "username"),
                "VIGIL_DB_PASSWORD", Secret.fromSecretsManager(database.getSecret(), "password"));

        // API behind the load balancer.
        SecurityGroup apiGroup = group(vpc, "ApiSecurityGroup", "Vigil api-service: HTTP from the load balancer only");
        Role apiRole = role("ApiTaskRole", "Vigil api-service");
        apiRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sqs:SendMessage", "sqs:GetQueueUrl"))
                .resources(arns.of(settings.probeRegions().stream().map(names::confirm).toList())).build());
        String publicUrl = settings.publicUrl();
        loadBalancer = new ApiLoadBalancer(this, "LoadBalancer", vpc, settings.certificateArn());
        Map<String, String> apiEnv = ServiceEnvironment.with(withDatabase, Map.of("VIGIL_API_PUBLIC_URL",
                publicUrl != null ? publicUrl : loadBalancer.url()));
        api = new VigilFargateService(this, "Api", cluster, new ServiceSpec("api", "api-service", 256, 1024,
                settings.size().apiTasks(), 1, SERVICE_STOP_TIMEOUT, apiEnv,
                with(with(databaseSecrets, "VIGIL_CHANNEL_ENCRYPTION_KEY",
                        Secret.fromSecretsManager(appSecrets, "channelEncryptionKey")),
                        "VIGIL_STATUS_ACCESS_SECRET", Secret.fromSecretsManager(statusAccess, "statusAccessSecret")), false),
                settings.image("api-service"), VigilFargateService.Placement.PRIVATE, apiGroup, apiRole);
        loadBalancer.route(api);
        apiGroup.addIngressRule(loadBalancer.securityGroup(), Port.tcp(ServiceSpec.PORT),
                "HTTP from the load balancer");

        // Scheduler: two tasks, one active (advisory lock), the other a warm standby.
        SecurityGroup schedulerGroup = group(vpc, "SchedulerSecurityGroup", "Vigil scheduler: no inbound traffic");
        Role schedulerRole = role("SchedulerTaskRole", "Vigil scheduler: sends check jobs, steers probe fleets");
        List<String> checkQueues = queueSpecs.stream().map(QueueSpec::name).filter(n -> n.contains("-checks-"))
                .toList();
        schedulerRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sqs:SendMessage", "sqs:GetQueueUrl"))
                .resources(arns.of(checkQueues)).build());
        schedulerRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sqs:GetQueueAttributes", "sqs:GetQueueUrl"))
                .resources(arns.of(queueSpecs.stream().flatMap(s -> List.of(s.name(), s.deadLetterName()).stream())
                        .collect(Collectors.toList()))).build());
        // Self-healing: scale each region's probe service and force a new deployment of a silent region.
        schedulerRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("ecs:DescribeServices", "ecs:UpdateService"))
                .resources(settings.probeRegions().stream().map(r -> "arn:aws:ecs:" + r + ":" + settings.account()
                        + ":service/vigil/vigil-probe").toList()).build());
        scheduler = new VigilFargateService(this, "Scheduler", cluster, new ServiceSpec("scheduler",
                "scheduler-service", 256, 512, DeploymentSettings.SCHEDULER_TASKS, 1, SERVICE_STOP_TIMEOUT,
                ServiceEnvironment.with(withDatabase, Map.of("SPRING_APPLICATION_JSON",
                        ServiceEnvironment.fleetHealing(settings))), databaseSecrets, false),
                settings.image("scheduler-service"), VigilFargateService.Placement.PRIVATE, schedulerGroup,
                schedulerRole);

        // Alerting: results, incidents, notifications.
        SecurityGroup alertingGroup = group(vpc, "AlertingSecurityGroup", "Vigil alerting: no inbound traffic");
        Role alertingRole = role("AlertingTaskRole",
                "Vigil alerting: consumes results and heartbeats, asks regions to confirm failures");
        java.util.Set<String> regionScoped = settings.probeRegions().stream()
                .flatMap(r -> QueueTopology.regionQueues(names, r).stream()).map(QueueSpec::name)
                .collect(Collectors.toSet());
        alertingRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
                        "sqs:GetQueueUrl", "sqs:GetQueueAttributes"))
                .resources(arns.of(queueSpecs.stream().map(QueueSpec::name).filter(n -> !regionScoped.contains(n))
                        .toList())).build());
        // It sees every region's result of a round, so it asks the other regions to confirm a failure, once a round.
        alertingRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sqs:SendMessage", "sqs:GetQueueUrl"))
                .resources(arns.of(settings.probeRegions().stream().map(names::confirm).toList())).build());
        alerting = new VigilFargateService(this, "Alerting", cluster, new ServiceSpec("alerting", "alerting-service",
                256, 512, settings.size().alertingTasks(), 1, SERVICE_STOP_TIMEOUT,
                ServiceEnvironment.with(withDatabase, Map.of("VIGIL_API_PUBLIC_URL",
                        publicUrl != null ? publicUrl : loadBalancer.url())),
                with(databaseSecrets, "VIGIL_CHANNEL_ENCRYPTION_KEY",
                        Secret.fromSecretsManager(appSecrets, "channelEncryptionKey")), false),
                settings.image("alerting-service"), VigilFargateService.Placement.PRIVATE, alertingGroup,
                alertingRole);

        for (SecurityGroup client : List.of(apiGroup, schedulerGroup, alertingGroup)) {
            databaseGroup.addIngressRule(client, Port.tcp(5432), "PostgreSQL from Vigil services");
        }

        probe = ProbeRegionStack.probeFleet(this, settings, settings.homeRegion(), vpc, cluster);

        CfnOutput.Builder.create(this, "ApiUrl").value(loadBalancer.url())
                .description("Where the API, dashboard and status pages are served").build();
        CfnOutput.Builder.create(this, "DatabaseSecretArn").value(database.getSecret().getSecretArn()).build();
    }

    /** A secret whose JSON holds one generated value under {@code key}, made as {@code generator} says. */
    private software.amazon.awscdk.services.secretsmanager.Secret generatedSecret(String id, String name,
            String description, String key, SecretStringGenerator.Builder generator) {
        return software.amazon.awscdk.services.secretsmanager.Secret.Builder.create(this, id)
                .secretName(name).description(description)
                .generateSecretString(generator.secretStringTemplate("{}").generateStringKey(key).build())
                .build();
    }

    private SecurityGroup group(Vpc vpc, String id, String description) {
        return SecurityGroup.Builder.create(this, id).vpc(vpc).description(description).allowAllOutbound(true)
                .build();
    }

    private Role role(String id, String description) {
        return Role.Builder.create(this, id).assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .description(description).build();
    }

    private static Map<String, Secret> with(Map<String, Secret> base, String key, Secret value) {
        Map<String, Secret> all = new java.util.HashMap<>(base);
        all.put(key, value);
        return all;
    }

    public VigilFargateService api() {
        return api;
    }

    public VigilFargateService scheduler() {
        return scheduler;
    }

    public VigilFargateService alerting() {
        return alerting;
    }

    public VigilFargateService probe() {
        return probe;
    }

    public ApiLoadBalancer loadBalancer() {
        return loadBalancer;
    }
}
