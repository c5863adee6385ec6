package dev.vigil.scheduler.fleet;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vigil watching itself with its own heartbeat feature: after each fleet read the active scheduler pings its own
 * heartbeat URL, and the URL of every region whose probe workers are heartbeating. A dead scheduler pair or a region
 * whose workers all stopped simply stops pinging, and the operator's HEARTBEAT monitor alerts. Pinging only on the
 * leader keeps one ping per period whichever instance is active.
 *
 * <p>The URLs carry the heartbeat token, a secret: logs name the region, never the URL.
 */
class SelfHeartbeats implements FleetWatch.Action {

    private static final Logger log = LoggerFactory.getLogger(SelfHeartbeats.class);

    private final SelfMonitoringProperties settings;
    private final FleetState fleet;
    private final LeaderCheck leader;
    private final MeterRegistry meters;
    private final HttpClient http;

    public SelfHeartbeats(SelfMonitoringProperties settings, FleetState fleet, LeaderCheck leader,
                          MeterRegistry meters) {
        this.settings = settings;
        this.fleet = fleet;
        this.leader = leader;
        this.meters = meters;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void afterRefresh() {
        if (!settings.enabled() || !leader.isLeader()) {
            return;
        }
        if (settings.schedulerPingUrl() != null) {
            ping("scheduler", settings.schedulerPingUrl());
        }
        for (Map.Entry<String, URI> region : settings.regionPingUrls().entrySet()) {
            if (fleet.liveProbes(region.getKey()) > 0) {
                ping("region " + region.getKey(), region.getValue());
            }
        }
    }

    private void ping(String part, URI url) {
        String outcome;
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(settings.timeout())
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            outcome = response.statusCode() / 100 == 2 ? "sent" : "refused";
            if (!"sent".equals(outcome)) {
                log.warn("self-monitoring heartbeat refused part={} status={}", part, response.statusCode());
            }
        } catch (IOException e) {
            outcome = "failed";
            log.warn("self-monitoring heartbeat failed part={} error={}", part, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        meters.counter("vigil.self.heartbeats", "part", part.startsWith("region ") ? part.substring(7) : part,
                "outcome", outcome).increment();
    }
}
