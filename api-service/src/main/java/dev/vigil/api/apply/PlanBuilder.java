package dev.vigil.api.apply;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Collects the changes of an apply, and the keys it must record, into a {@link Plan}. */
final class PlanBuilder {

    private final boolean prune;
    private final List<Plan.Change> changes = new ArrayList<>();
    private final Map<ObjectKind, Map<String, UUID>> newKeys = new EnumMap<>(ObjectKind.class);
    private int unchanged;

    PlanBuilder(boolean prune) {
        this.prune = prune;
    }

    void create(ObjectKind kind, String key, String path, UUID id, String name) {
        changes.add(new Plan.Change(kind.singular, key, "create", path, id, name, null));
        newKeys.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(key, id);
    }

    /**
     * An object the document names that exists: an update when fields change or it is adopted (the document starts
     * managing it, which the plan shows as the field {@code key}), else unchanged.
     *
     * @param changed null when its comparison failed (the apply then fails too)
     */
    void matched(ObjectKind kind, String key, String path, UUID id, String name, List<String> changed,
                 boolean adopted) {
        if (changed == null) {
            return;
        }
        List<String> fields = new ArrayList<>(changed);
        if (adopted) {
            fields.add("key");
            newKeys.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(key, id);
        }
        if (fields.isEmpty()) {
            unchanged++;
        } else {
            changes.add(new Plan.Change(kind.singular, key, "update", path, id, name, List.copyOf(fields)));
        }
    }

    void delete(ObjectKind kind, String key, UUID id, String name) {
        changes.add(new Plan.Change(kind.singular, key, "delete", null, id, name, null));
    }

    Map<String, UUID> newKeys(ObjectKind kind) {
        return newKeys.getOrDefault(kind, Map.of());
    }

    Plan build(boolean applied) {
        int create = 0;
        int update = 0;
        int delete = 0;
        for (Plan.Change change : changes) {
            switch (change.action()) {
                case "create" -> create++;
                case "update" -> update++;
                default -> delete++;
            }
        }
        return new Plan(applied, prune, List.copyOf(changes), new Plan.Summary(create, update, delete, unchanged));
    }
}
