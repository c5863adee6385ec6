package dev.vigil.common.message;

import dev.vigil.common.check.MonitorType;
import java.time.Instant;
import java.util.List;

/**
 * A probe worker's "I am alive, and this is what I can run": probe → {@code probe-heartbeats}, every
 * {@code intervalSeconds}, and once more with {@code stopping} when it shuts down. The alerting service keeps the
 * latest per instance; the API lists the plugins offered by live instances. Heartbeats may arrive out of order or
 * twice: the receiver keeps the newest by {@code sentAt}.
 *
 * @param region          the region the instance serves
 * @param instanceId      unique per process (host name and a random part)
 * @param version         the worker's build version, when known
 * @param startedAt       when the instance started
 * @param sentAt          when this heartbeat was sent
 * @param intervalSeconds when the next one is due: a receiver treats the instance as gone after a few missed ones
 * @param stopping        the instance is shutting down and takes no more work
 * @param monitorTypes    the check types the instance runs
 * @param plugins         the plugins it offers for {@code PLUGIN} monitors
 * @param inFlight        checks running now
 * @param maxInFlight     checks it runs at once at most
 */
public record ProbeHeartbeat(String region, String instanceId, String version, Instant startedAt, Instant sentAt,
                             int intervalSeconds, boolean stopping, List<MonitorType> monitorTypes,
                             List<OfferedPlugin> plugins, int inFlight, int maxInFlight) {

    public ProbeHeartbeat {
        monitorTypes = monitorTypes == null ? List.of() : List.copyOf(monitorTypes);
        plugins = plugins == null ? List.of() : List.copyOf(plugins);
    }

    /** The kinds of plugin a probe runs. */
    public enum PluginKind {
        /** A Nagios-compatible executable from an allow-listed directory. */
        NAGIOS,
        /** A Java plugin ({@code CheckExecutor} of the probe plugin API) loaded from the plugin folder. */
        JAVA
    }

    /**
     * One plugin a probe offers.
     *
     * @param name        what a {@code PLUGIN} monitor names in its {@code plugin} field
     * @param kind        how it runs
     * @param description one line for people, may be null
     */
    public record OfferedPlugin(String name, PluginKind kind, String description) {
    }
}
