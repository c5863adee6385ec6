package dev.vigil.infra;

import java.util.List;
import java.util.Locale;
import software.constructs.Node;

/**
 * What varies between deployments, read from CDK context ({@code cdk deploy -c key=value} or {@code cdk.json}).
 *
 * @param account        the AWS account
 * @param homeRegion     where the database, the queues, the API, the scheduler and the alerting service run
 * @param probeRegions   every probe region, the home region included; a probe fleet runs in each
 * @param imageRegistry  registry and repository prefix of the service images, e.g.
 *                       {@code 123456789012.dkr.ecr.us-east-1.amazonaws.com/vigil}; images are {@code <prefix>/<service>}
 * @param imageTag       the image tag to deploy (a release or commit id; never "latest" in production)
 * @param certificateArn ACM certificate of the public host name; without it the API is served on plain HTTP, for trials
 * @param publicUrl      the URL people reach Vigil at (links in alerts, heartbeat ping URLs)
 * @param size           how big a deployment to make
 */
public record DeploymentSettings(String account, String homeRegion, List<String> probeRegions, String imageRegistry,
                                 String imageTag, String certificateArn, String publicUrl, Size size) {

    public DeploymentSettings {
        if (!probeRegions.contains(homeRegion)) {
            throw new IllegalArgumentException("probeRegions must include the home region " + homeRegion);
        }
        if (probeRegions.size() < 3) {
            throw new IllegalArgumentException("Vigil confirms failures across regions: give at least three probe "
                    + "regions, was " + probeRegions);
        }
        probeRegions = List.copyOf(probeRegions);
    }

    /** Sizes from the cost table of infra/README.md. */
    public enum Size {
        /**
         * Under $100 a month: one API task, two scheduler tasks, one alerting task, one probe per region, a NAT
         * instance and a single-zone database.
         */
        SMALL(1, 1, 1, false, false),
        /** Four nines: two API and two alerting tasks across zones, two probes a region, Multi-AZ database, NAT
         * gateways. */
        MEDIUM(2, 2, 2, true, true);

        private final int apiTasks;
        private final int alertingTasks;
        private final int probeTasksPerRegion;
        private final boolean multiAzDatabase;
        private final boolean managedNat;

        Size(int apiTasks, int alertingTasks, int probeTasksPerRegion, boolean multiAzDatabase, boolean managedNat) {
            this.apiTasks = apiTasks;
            this.alertingTasks = alertingTasks;
            this.probeTasksPerRegion = probeTasksPerRegion;
            this.multiAzDatabase = multiAzDatabase;
            this.managedNat = managedNat;
        }

        public boolean managedNat() {
            return managedNat;
        }

        public int apiTasks() {
            return apiTasks;
        }

        public int alertingTasks() {
            return alertingTasks;
        }

        public int probeTasksPerRegion() {
            return probeTasksPerRegion;
        }

        public boolean multiAzDatabase() {
            return multiAzDatabase;
        }
    }

    /** The scheduler always runs two tasks: one active, one standby that takes over within seconds. */
    public static final int SCHEDULER_TASKS = 2;

    public static DeploymentSettings fromContext(Node node) {
        String account = text(node, "account", System.getenv().getOrDefault("CDK_DEFAULT_ACCOUNT", "123456789012"));
        String home = text(node, "homeRegion", "us-east-1");
        List<String> regions = List.of(text(node, "probeRegions", "us-east-1,eu-west-1,ap-southeast-1").split(","));
        return new DeploymentSettings(account, home, regions.stream().map(String::trim).toList(),
                text(node, "imageRegistry", account + ".dkr.ecr." + home + ".amazonaws.com/vigil"),
                text(node, "imageTag", "latest"), text(node, "certificateArn", null),
                text(node, "publicUrl", null),
                Size.valueOf(text(node, "size", "small").toUpperCase(Locale.ROOT)));
    }

    private static String text(Node node, String key, String fallback) {
        Object value = node.tryGetContext(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }

    public String image(String service) {
        return imageRegistry + "/" + service + ":" + imageTag;
    }
}
