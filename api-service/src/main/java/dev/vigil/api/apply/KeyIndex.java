package dev.vigil.api.apply;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The objects of one kind as an apply sees them: what the document names (by key), what the workspace manages (key →
 * id) and every object it holds. It decides which stored object a document object is: the one managed under its key;
 * else, when the key is the id of an object no document manages yet (as an export names them), that object, which
 * the apply adopts; else none, and the object is created.
 */
final class KeyIndex {

    final ObjectKind kind;
    final boolean prune;
    private final Map<String, Integer> inFile = new LinkedHashMap<>();
    private final Map<String, UUID> managed;
    private final Set<UUID> existing;
    private final Set<UUID> managedIds;
    /** Key → id of the document's objects, filled in as they are matched or created. */
    private final Map<String, UUID> resolved = new HashMap<>();

    <T> KeyIndex(ObjectKind kind, boolean prune, List<T> specs, Function<T, String> key, Map<String, UUID> managed,
                 Set<UUID> existing) {
        this.kind = kind;
        this.prune = prune;
        for (int i = 0; i < specs.size(); i++) {
            String k = specs.get(i) == null ? null : key.apply(specs.get(i));
            if (k != null) {
                inFile.putIfAbsent(k, i);
            }
        }
        this.managed = managed;
        this.existing = existing;
        this.managedIds = new HashSet<>(managed.values());
    }

    /** The stored object the document's object with this key is, or null when it is new. */
    UUID match(String key) {
        UUID id = managed.get(key);
        if (id != null) {
            return id;
        }
        UUID adopted = uuid(key);
        return adopted != null && existing.contains(adopted) && !managedIds.contains(adopted) ? adopted : null;
    }

    /** Whether matching this key adopts an object no document managed (its key is then recorded). */
    boolean adopts(String key) {
        return !managed.containsKey(key) && match(key) != null;
    }

    void resolved(String key, UUID id) {
        resolved.put(key, id);
    }

    /** Managed objects the document no longer names: what a prune deletes, key → id. */
    Map<String, UUID> unnamed() {
        Map<String, UUID> gone = new LinkedHashMap<>();
        managed.forEach((key, id) -> {
            if (!inFile.containsKey(key)) {
                gone.put(key, id);
            }
        });
        return gone;
    }

    /**
     * Whether a reference from another object can be resolved: a key of this document; a key the workspace manages
     * (unless a prune deletes it); or the id of an object of the workspace that stays.
     */
    boolean canResolve(String reference) {
        if (inFile.containsKey(reference)) {
            return true;
        }
        if (managed.containsKey(reference)) {
            return !prune;
        }
        UUID id = uuid(reference);
        return id != null && existing.contains(id) && !(prune && unnamed().containsValue(id));
    }

    /** The id a valid reference names, once the objects of this kind were applied. */
    UUID resolve(String reference) {
        UUID id = resolved.get(reference);
        if (id == null) {
            id = managed.get(reference);
        }
        return id != null ? id : uuid(reference);
    }

    Collection<String> fileKeys() {
        return inFile.keySet();
    }

    static UUID uuid(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
