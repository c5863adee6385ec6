package dev.vigil.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Tags;

/**
 * The CDK app: {@code cdk synth} / {@code cdk deploy} run this (see infra/cdk.json). One home-region stack and one
 * stack per other probe region.
 */
public final class VigilApp {

    private VigilApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        build(app, DeploymentSettings.fromContext(app.getNode()));
        app.synth();
    }

    /** Adds Vigil's stacks to {@code app}; answers the home stack. */
    public static HomeRegionStack build(App app, DeploymentSettings settings) {
        HomeRegionStack home = new HomeRegionStack(app, "Vigil-" + settings.homeRegion(), settings);
        for (String region : settings.probeRegions()) {
            if (!region.equals(settings.homeRegion())) {
                new ProbeRegionStack(app, "VigilProbes-" + region, settings, region);
            }
        }
        Tags.of(app).add("project", "vigil");
        return home;
    }
}
