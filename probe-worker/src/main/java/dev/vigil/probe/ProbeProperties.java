package dev.vigil.probe;

import dev.vigil.common.net.IpRange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code vigil.probe.*}.
 *
 * @param region               the region this worker serves
 * @param maxInFlight          checks running at once
 * @param maxInFlightPerWorkspace checks of one workspace running at once (at most {@code maxInFlight}): a tenant whose
 *                             checks all hang waits for its own slots instead of taking everyone's
 * @param maxMessagesInFlight  job messages received and not yet done at most; 0 (default) for 8 x
 *                             {@code maxInFlight}. Larger than the check slots: a pack's message stays in flight
 *                             while its slowest job runs or waits for its workspace's permit, and must not stop the
 *                             worker from receiving other workspaces' jobs
 * @param shutdownGrace        how long running checks may finish after SIGTERM (keep below the ECS stop timeout)
 * @param allowPrivateTargets  false (SaaS mode): only public addresses may be checked; true (local mode,
 *                             self-hosting): loopback, private and link-local addresses too
 * @param allowedTargetRanges  CIDR ranges that may be checked even in SaaS mode (one internal network, say)
 * @param deniedTargetRanges   CIDR ranges never checked, whatever else allows them (169.254.169.254/32, say)
 * @param pluginDirs           the directories Nagios-compatible plugins are looked up in (only the plugins of
 *                             {@code vigil.plugins.nagios} are run, with the arguments it allows)
 * @param pluginUser           the unprivileged user plugins run as when the worker runs as root (by {@code setpriv});
 *                             a worker that is not root runs them as its own user, so run it as an unprivileged one
 * @param pluginGroup          the group plugins run as, with {@code pluginUser}
 * @param javaPluginDir        folder of Java plugin jars ({@code dev.vigil.plugin.CheckExecutor}); none when unset
 * @param pluginOutputLimit    plugin output read at most; the rest is discarded
 * @param maxBodySize          HTTP response body read at most (assertions see this much)
 * @param retryDelay           pause before the one local retry of a failed check
 * @param watchdogGrace        how long past its timeout a check may run before the watchdog records it as a timeout
 *                             and frees its slot (every check type honours its timeout; this is the backstop)
 * @param heartbeatInterval    how often the worker tells the fleet registry it is alive
 * @param trustedCertificates  a PEM file of extra CA certificates trusted for HTTPS and TLS checks (a private PKI),
 *                             in addition to the JDK's; none when unset
 * @param instanceId           this process's id in heartbeats; generated when unset
 * @param resultPack           how results are published: as few messages as possible, each holding up to
 *                             {@code size} results that finished within {@code delay} of each other
 */
@ConfigurationProperties("vigil.probe")
public record ProbeProperties(String region, @DefaultValue("64") int maxInFlight,
                              @DefaultValue("16") int maxInFlightPerWorkspace,
                              @DefaultValue("0") int maxMessagesInFlight,
                              @DefaultValue("25s") Duration shutdownGrace,
                              @DefaultValue("false") boolean allowPrivateTargets,
                              @DefaultValue List<String> allowedTargetRanges,
                              @DefaultValue List<String> deniedTargetRanges,
                              @DefaultValue({"/usr/lib/nagios/plugins", "/usr/lib/monitoring-plugins"})
                              List<Path> pluginDirs,
                              @DefaultValue("nobody") String pluginUser,
                              @DefaultValue("nogroup") String pluginGroup,
                              Path javaPluginDir,
                              @DefaultValue("64KB") DataSize pluginOutputLimit,
                              @DefaultValue("1MB") DataSize maxBodySize,
                              @DefaultValue("1s") Duration retryDelay,
                              @DefaultValue("5s") Duration watchdogGrace,
                              @DefaultValue("15s") Duration heartbeatInterval,
                              Path trustedCertificates,
                              String instanceId,
                              @DefaultValue ResultPack resultPack) {

    public ProbeProperties {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("vigil.probe.region (VIGIL_PROBE_REGION) must name this worker's region");
        }
        if (maxInFlight < 1 || maxInFlightPerWorkspace < 1 || maxMessagesInFlight < 0) {
            throw new IllegalArgumentException("vigil.probe.max-in-flight and max-in-flight-per-workspace must be at "
                    + "least 1, max-messages-in-flight not negative");
        }
        maxMessagesInFlight = maxMessagesInFlight == 0 ? 8 * maxInFlight : maxMessagesInFlight;
        allowedTargetRanges = allowedTargetRanges == null ? List.of() : List.copyOf(allowedTargetRanges);
        deniedTargetRanges = deniedTargetRanges == null ? List.of() : List.copyOf(deniedTargetRanges);
        pluginDirs = pluginDirs == null ? List.of() : List.copyOf(pluginDirs);
        resultPack = resultPack == null ? new ResultPack(25, Duration.ofMillis(250)) : resultPack;
        for (String range : allowedTargetRanges) {
            parse("vigil.probe.allowed-target-ranges", range);
        }
        for (String range : deniedTargetRanges) {
            parse("vigil.probe.denied-target-ranges", range);
        }
        if (pluginUser == null || pluginUser.isBlank() || pluginGroup == null || pluginGroup.isBlank()
                || "root".equals(pluginUser) || "0".equals(pluginUser)) {
            throw new IllegalArgumentException(
                    "vigil.probe.plugin-user and plugin-group must name an unprivileged user and group (not root)");
        }
        if (pluginOutputLimit.toBytes() < 256 || maxBodySize.toBytes() < 1024) {
            throw new IllegalArgumentException(
                    "vigil.probe.plugin-output-limit must be at least 256B and vigil.probe.max-body-size at least 1KB");
        }
        if (watchdogGrace == null || watchdogGrace.isNegative() || watchdogGrace.isZero()) {
            throw new IllegalArgumentException("vigil.probe.watchdog-grace must be positive");
        }
        if (retryDelay.isNegative() || heartbeatInterval.toSeconds() < 1) {
            throw new IllegalArgumentException(
                    "vigil.probe.retry-delay must not be negative and vigil.probe.heartbeat-interval at least 1s");
        }
    }

    /**
     * @param size  results in one message at most (1 sends each result alone)
     * @param delay how long a result may wait for others to share its message
     */
    public record ResultPack(@DefaultValue("25") int size, @DefaultValue("250ms") Duration delay) {

        public ResultPack {
            if (size < 1 || delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("vigil.probe.result-pack: size must be >= 1 and delay positive");
            }
        }
    }

    private static IpRange parse(String property, String range) {
        try {
            return IpRange.parse(range);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
        }
    }

    public List<IpRange> allowedRanges() {
        return allowedTargetRanges.stream().map(IpRange::parse).toList();
    }

    public List<IpRange> deniedRanges() {
        return deniedTargetRanges.stream().map(IpRange::parse).toList();
    }
}
