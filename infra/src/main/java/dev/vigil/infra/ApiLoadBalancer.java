package dev.vigil.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationActionProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.amazon.awscdk.services.elasticloadbalancingv2.FixedResponseOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.RedirectOptions;
import software.constructs.Construct;

/**
 * The internet-facing load balancer in front of the api-service. Targets are healthy when their readiness endpoint
 * says so ({@code /readyz} on the traffic port), which is false while a task drains on SIGTERM, so the balancer stops
 * sending before the task stops. The actuator endpoints (metrics) are served on the management port only, which the
 * balancer never reaches; the listener also answers {@code /actuator} itself, in case a task is misconfigured.
 */
public final class ApiLoadBalancer extends Construct {

    private final ApplicationLoadBalancer balancer;
    private final ApplicationListener listener;
    private final SecurityGroup securityGroup;
    private final boolean https;

    public ApiLoadBalancer(Construct scope, String id, Vpc vpc, String certificateArn) {
        super(scope, id);
        securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup").vpc(vpc)
                .description("Vigil load balancer: HTTP and HTTPS from anywhere").allowAllOutbound(true).build();
        securityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(80), "HTTP");
        securityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS");
        balancer = ApplicationLoadBalancer.Builder.create(this, "Balancer")
                .loadBalancerName("vigil")
                .vpc(vpc)
                .internetFacing(true)
                .securityGroup(securityGroup)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build())
                .idleTimeout(Duration.seconds(60))
                .build();
        https = certificateArn != null;
        if (https) {
            listener = balancer.addListener("Https", software.amazon.awscdk.services.elasticloadbalancingv2
                    .BaseApplicationListenerProps.builder()
                    .port(443).protocol(ApplicationProtocol.HTTPS)
                    .certificates(List.of(ListenerCertificate.fromCertificateManager(
                            Certificate.fromCertificateArn(this, "Certificate", certificateArn))))
                    .open(false)
                    .build());
            balancer.addListener("HttpRedirect", software.amazon.awscdk.services.elasticloadbalancingv2
                    .BaseApplicationListenerProps.builder()
                    .port(80).protocol(ApplicationProtocol.HTTP).open(false)
                    .defaultAction(ListenerAction.redirect(RedirectOptions.builder().protocol("HTTPS").port("443")
                            .permanent(true).build()))
                    .build());
        } else {
            listener = balancer.addListener("Http", software.amazon.awscdk.services.elasticloadbalancingv2
                    .BaseApplicationListenerProps.builder()
                    .port(80).protocol(ApplicationProtocol.HTTP).open(false).build());
        }
    }

    /** Sends traffic to the api-service, health-checked on readiness; metrics stay private. */
    void route(VigilFargateService api) {
        listener.addTargets("Api", AddApplicationTargetsProps.builder()
                .port(ServiceSpec.PORT)
                .protocol(ApplicationProtocol.HTTP)
                .targets(List.of(api.service()))
                .healthCheck(HealthCheck.builder()
                        .path("/readyz")
                        // Said explicitly: actuator's management port is never reachable from the balancer.
                        .port("traffic-port")
                        .interval(Duration.seconds(10))
                        .timeout(Duration.seconds(5))
                        .healthyThresholdCount(2)
                        .unhealthyThresholdCount(2)
                        .build())
                // Less than the api's drain: in-flight requests finish, new ones go to other tasks.
                .deregistrationDelay(Duration.seconds(30))
                .build());
        listener.addAction("HideActuator", AddApplicationActionProps.builder()
                .priority(10)
                .conditions(List.of(ListenerCondition.pathPatterns(List.of("/actuator", "/actuator/*"))))
                .action(ListenerAction.fixedResponse(404, FixedResponseOptions.builder()
                        .contentType("application/problem+json")
                        .messageBody("{\"title\":\"Not found\",\"status\":404}").build()))
                .build());
    }

    public SecurityGroup securityGroup() {
        return securityGroup;
    }

    public String url() {
        return (https ? "https://" : "http://") + balancer.getLoadBalancerDnsName();
    }

    public ApplicationLoadBalancer balancer() {
        return balancer;
    }
}
