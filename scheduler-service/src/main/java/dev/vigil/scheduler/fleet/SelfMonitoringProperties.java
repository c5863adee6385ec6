package dev.vigil.scheduler.fleet;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.self-monitoring.*}: heartbeat URLs through which Vigil reports that its own parts are alive. Each is
 * meant to be the ping URL of a HEARTBEAT monitor in an operator workspace (of this deployment, or better of a second
 * one or another heartbeat service, which still alerts when this deployment is down as a whole) linked to the
 * operator's channel: when a part goes quiet, its pings stop and that monitor opens an incident.
 *
 * @param schedulerPingUrl pinged by the active scheduler after every fleet read: quiet when no scheduler is active
 * @param regionPingUrls   per region, pinged while the region has live probe workers: quiet when a region's fleet is
 * @param timeout          bound on one ping, so a slow heartbeat receiver never holds up the fleet watch
 */
@ConfigurationProperties("vigil.self-monitoring")
record SelfMonitoringProperties(URI schedulerPingUrl, Map<String, URI> regionPingUrls,
                                       @DefaultValue("5s") Duration timeout) {

    public SelfMonitoringProperties {
        regionPingUrls = regionPingUrls == null ? Map.of() : Map.copyOf(regionPingUrls);
    }

    boolean enabled() {
        return schedulerPingUrl != null || !regionPingUrls.isEmpty();
    }
}
