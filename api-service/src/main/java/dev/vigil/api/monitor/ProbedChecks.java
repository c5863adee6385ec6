package dev.vigil.api.monitor;

import dev.vigil.api.web.FieldProblems;
import dev.vigil.common.check.CheckSpec;
import dev.vigil.common.check.MonitorType;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The check part of a monitor definition, validated by exactly the rules of monitor creation
 * ({@link MonitorDefinitions}), for what runs a check without storing a monitor (one-shot checks). Only probed types:
 * a heartbeat is pinged by its job, never checked by Vigil.
 */
@Component
public class ProbedChecks {

    /** The name a one-shot check's definition carries through validation; never stored or shown. */
    private static final String UNNAMED = "one-shot check";
    private final MonitorDefinitions definitions;
    private final MonitorProperties limits;

    ProbedChecks(MonitorDefinitions definitions, MonitorProperties limits) {
        this.definitions = definitions;
        this.limits = limits;
    }

    /**
     * A validated check, or a 400 naming every invalid field (field names as in a monitor request).
     *
     * @param request a monitor request; its name, interval, confirmations, channels, tags, group and paused state
     *                must be absent (they mean nothing for a check that is not stored)
     */
    public ProbedCheck validate(UUID workspaceId, MonitorRequest request) {
        FieldProblems problems = new FieldProblems();
        if (MonitorType.HEARTBEAT.name().equals(request.type())) {
            problems.add("type", "a HEARTBEAT is not checked by Vigil (its job pings it); use HTTP, TCP, DNS, TLS "
                    + "or PLUGIN");
        }
        if (MonitorType.DATABASE.name().equals(request.type()) && request.password() != null
                && !request.password().isEmpty()) {
            // A one-shot job carries no workspace variables, so a {{vars.NAME}} password could not be filled in.
            problems.add("password", "a one-shot check cannot use a workspace variable; create the DATABASE monitor "
                    + "and run it now with POST /api/v1/monitors/{id}/trigger");
        }
        problems.throwIfAny();
        MonitorRequest checkOnly = new MonitorRequest(UNNAMED, request.type(), request.url(), request.method(),
                request.headers(), request.body(), request.followRedirects(), request.assertions(),
                request.degradedAboveMs(), request.host(), request.port(), request.recordType(), request.resolver(),
                request.minDaysValid(), null, null, null, null, null, request.plugin(), request.args(),
                // It runs once: an interval only bounds the timeout, so the longest one allowed.
                limits.maxIntervalSeconds(),
                request.timeoutMs(), request.regions(), 0, null, null, null, null, null, null, request.packetCount(),
                request.maxPacketLossPercent(), request.payload(), request.payloadEncoding(), request.tlsMode(),
                request.send(), request.expect(), request.service(), request.tls(), request.engine(),
                request.database(), request.username(), null, request.query());
        MonitorDefinition definition = definitions.definitionOf(workspaceId, checkOnly, true);
        return new ProbedCheck(definition.check(), definition.timeoutMs(), definition.degradedAboveMs(),
                definition.regions());
    }

    /** The check of a stored monitor, to run it now. */
    public static ProbedCheck of(Monitor monitor) {
        return new ProbedCheck(monitor.getCheckSpec(), monitor.getTimeoutMs(), monitor.getDegradedAboveMs(),
                monitor.getRegions());
    }

    /**
     * A check ready to run.
     *
     * @param timeoutMs       the check's time limit
     * @param degradedAboveMs slower than this is DEGRADED; null for no threshold
     * @param regions         where to run it (all regions when the request named none)
     */
    public record ProbedCheck(CheckSpec check, int timeoutMs, Integer degradedAboveMs, List<String> regions) {
    }
}
