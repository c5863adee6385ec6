package dev.vigil.api.mcp;

import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.incident.IncidentAcknowledger;
import dev.vigil.api.incident.IncidentQueries;
import dev.vigil.api.incident.IncidentUpdateRequest;
import dev.vigil.api.incident.IncidentUpdates;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.NotFoundException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Incidents: list, acknowledge, and post an update that status pages show. */
@Component
class IncidentTools implements ToolSet {

    private final IncidentQueries incidents;
    private final IncidentAcknowledger acknowledger;
    private final IncidentUpdates updates;

    IncidentTools(IncidentQueries incidents, IncidentAcknowledger acknowledger, IncidentUpdates updates) {
        this.incidents = incidents;
        this.acknowledger = acknowledger;
        this.updates = updates;
    }

    @Override
    public List<VigilTool> tools() {
        return List.of(
                VigilTool.reading("list_incidents", """
                        Lists the workspace's incidents. Optional arguments: status (OPEN, which includes \
                        acknowledged ones, or RESOLVED), monitorId, limit (1-100, default 20). Returns \
                        {items:[incident]}, newest first: id, monitorId, status, startedAt, acknowledgedAt, \
                        resolvedAt, the cause and the regions that failed.""",
                        Schemas.object().string("status", "OPEN or RESOLVED; leave out for both")
                                .string("monitorId", "Only this monitor's incidents")
                                .integer("limit", "At most this many, 1 to 100 (default 20)").build(),
                        this::list),
                VigilTool.changing("acknowledge_incident", """
                        Acknowledges an open incident: someone is on it, so escalation stops and the channels are \
                        told. Acknowledging twice is harmless. A resolved incident cannot be acknowledged. \
                        Argument: incidentId (from list_incidents). Returns the incident as it is now.""",
                        Schemas.object().requiredString("incidentId", "The incident's id").build(),
                        this::acknowledge),
                VigilTool.changing("post_incident_update", """
                        Posts an update to an incident for the public: it appears on every status page that shows \
                        the incident's monitor and is sent to the page's subscribers. Arguments: incidentId, \
                        status (investigating, identified, monitoring or resolved), message (what people should \
                        know, plain text). Returns the posted update.""",
                        Schemas.object().requiredString("incidentId", "The incident's id")
                                .requiredString("status", "investigating, identified, monitoring or resolved")
                                .requiredString("message", "The update's text, shown publicly").build(),
                        (caller, args) -> updates.post(caller, args.requiredId("incidentId"),
                                args.as(IncidentUpdateRequest.class, "incidentId"))));
    }

    private Object list(ApiPrincipal caller, ToolArguments args) {
        String status = args.optionalText("status");
        String wanted = status == null ? null : status.strip().toUpperCase(Locale.ROOT);
        if (wanted != null && !wanted.equals("OPEN") && !wanted.equals("RESOLVED")) {
            throw new ToolArgumentException("status must be OPEN or RESOLVED");
        }
        return Map.of("items", incidents.list(caller.workspaceId(), wanted, args.optionalId("monitorId"),
                args.optionalInt("limit", 20, 1, 100)));
    }

    private Object acknowledge(ApiPrincipal caller, ToolArguments args) {
        UUID id = args.requiredId("incidentId");
        switch (acknowledger.acknowledge(caller, id)) {
            case NOT_FOUND -> throw new NotFoundException("incident");
            case RESOLVED -> throw new ConflictException("Incident resolved",
                    "This incident is resolved; only open incidents can be acknowledged.");
            case ACKNOWLEDGED, ALREADY_ACKNOWLEDGED -> {
                // answered below with the incident as it is now
            }
        }
        return incidents.find(caller.workspaceId(), id).orElseThrow(() -> new NotFoundException("incident"));
    }
}
