package dev.vigil.api.mcp;

import dev.vigil.api.escalation.EscalationRequests;
import dev.vigil.api.escalation.OnCallContacts;
import dev.vigil.api.escalation.OnCallOverrides;
import dev.vigil.api.escalation.OnCallRotations;
import dev.vigil.api.identity.ApiPrincipal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * On call: who is on call in each rotation and who next, and overrides ("I cover tonight"). Members are named by
 * their address beside their id, as a person asking would name them; an override takes either.
 */
@Component
class OnCallTools implements ToolSet {

    private final OnCallRotations rotations;
    private final OnCallOverrides overrides;
    private final OnCallContacts contacts;

    OnCallTools(OnCallRotations rotations, OnCallOverrides overrides, OnCallContacts contacts) {
        this.rotations = rotations;
        this.overrides = overrides;
        this.contacts = contacts;
    }

    @Override
    public List<VigilTool> tools() {
        return List.of(
                VigilTool.reading("list_on_call_rotations", """
                        Lists the workspace's on-call rotations with who is on call now and who takes over next. \
                        No arguments. Returns {items:[{id, name, handoff (DAILY or WEEKLY), timeZone, members \
                        ([{id, email}] in turn order), onCallNow ({id, email}), onCallOverrideId (the override \
                        that put them on call, or null for the schedule), nextHandover ({at, member:{id, email}} \
                        or null)}]}.""",
                        Schemas.object().build(), this::listRotations),
                VigilTool.reading("list_on_call_overrides", """
                        Lists a rotation's overrides that have not ended, by start. Argument: rotationId (from \
                        list_on_call_rotations). Returns {items:[{id, member ({id, email}), startsAt, endsAt, \
                        note}]}.""",
                        Schemas.object().requiredString("rotationId", "The rotation's id").build(),
                        this::listOverrides),
                VigilTool.changing("create_on_call_override", """
                        Puts a member on call in a rotation for a while, in place of whoever is scheduled (e.g. \
                        someone covers a colleague's night). Arguments: rotationId, member (an email address or a \
                        member id; any member of the workspace), startsAt and endsAt (ISO-8601 instants, end after \
                        start, in the future, at most 90 days later), note (optional). Of overlapping overrides the \
                        newest wins. Returns the override with its id.""",
                        Schemas.object().requiredString("rotationId", "The rotation's id")
                                .requiredString("member", "An email address or a member id")
                                .requiredString("startsAt", "ISO-8601 instant, e.g. 2026-12-24T18:00:00Z")
                                .requiredString("endsAt", "ISO-8601 instant after startsAt")
                                .string("note", "Why, for the team (optional)").build(),
                        this::createOverride),
                VigilTool.changing("delete_on_call_override", """
                        Removes an override: the schedule decides again who is on call. Arguments: rotationId, \
                        overrideId (from list_on_call_overrides). Returns {deleted: overrideId}.""",
                        Schemas.object().requiredString("rotationId", "The rotation's id")
                                .requiredString("overrideId", "The override's id").build(),
                        (caller, args) -> {
                            UUID id = args.requiredId("overrideId");
                            overrides.delete(caller, args.requiredId("rotationId"), id);
                            return Map.of("deleted", id.toString());
                        }));
    }

    private Object listRotations(ApiPrincipal caller, ToolArguments args) {
        Map<String, String> emails = emails(caller);
        List<Map<String, Object>> items = new ArrayList<>();
        for (OnCallRotations.RotationView rotation : rotations.list(caller)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", rotation.id());
            item.put("name", rotation.name());
            item.put("handoff", rotation.handoff());
            item.put("timeZone", rotation.timeZone());
            item.put("members", rotation.memberIds().stream().map(id -> member(id, emails)).toList());
            item.put("onCallNow", rotation.onCallNow() == null ? null : member(rotation.onCallNow(), emails));
            item.put("onCallOverrideId", rotation.onCallOverrideId());
            item.put("nextHandover", rotation.nextHandover() == null ? null : Map.of(
                    "at", rotation.nextHandover().at().toString(),
                    "member", member(rotation.nextHandover().memberId(), emails)));
            items.add(item);
        }
        return Map.of("items", items);
    }

    private Object listOverrides(ApiPrincipal caller, ToolArguments args) {
        Map<String, String> emails = emails(caller);
        List<Map<String, Object>> items = new ArrayList<>();
        for (OnCallOverrides.OverrideView override : overrides.list(caller, args.requiredId("rotationId"))) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", override.id());
            item.put("member", member(override.memberId(), emails));
            item.put("startsAt", override.startsAt().toString());
            item.put("endsAt", override.endsAt().toString());
            item.put("note", override.note());
            items.add(item);
        }
        return Map.of("items", items);
    }

    private Object createOverride(ApiPrincipal caller, ToolArguments args) {
        String given = args.optionalText("member");
        if (given == null || given.isBlank()) {
            throw new ToolArgumentException("member is required: an email address or a member id");
        }
        String memberId = given.strip();
        if (memberId.contains("@")) {
            String address = memberId;
            memberId = emails(caller).entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(address))
                    .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new ToolArgumentException(
                            "member: no member of this workspace has the address " + address));
        }
        return overrides.create(caller, args.requiredId("rotationId"), new EscalationRequests.OverrideShift(
                memberId, args.optionalText("startsAt"), args.optionalText("endsAt"), args.optionalText("note")));
    }

    /** The workspace's members' addresses by user id (their on-call contacts list every member). */
    private Map<String, String> emails(ApiPrincipal caller) {
        Map<String, String> emails = new HashMap<>();
        contacts.list(caller).forEach(c -> emails.put(c.userId(), c.email()));
        return emails;
    }

    private static Map<String, Object> member(String id, Map<String, String> emails) {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("id", id);
        member.put("email", emails.get(id));
        return member;
    }
}
