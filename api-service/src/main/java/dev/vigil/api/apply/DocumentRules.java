package dev.vigil.api.apply;

import dev.vigil.api.web.FieldProblems;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a document must be as a whole, before any object is looked at: its version, a valid key on every object, no
 * key twice in a section, environment references resolved, and every reference resolvable. Problems are named by
 * their path in the document ({@code monitors[12].alertChannels[0]}), all at once.
 */
final class DocumentRules {

    /** Letters, digits and {@code _ . : -}; a UUID is a key too (an export names objects no document manages so). */
    static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}");

    private DocumentRules() {
    }

    static void checkVersion(FieldProblems problems, VigilDocument document) {
        if (document.version() != null && document.version() != VigilDocument.VERSION) {
            problems.add("version", "version must be " + VigilDocument.VERSION + " (the only format there is)");
        }
    }

    /** Every object present, with a valid key, none twice. */
    static <T> void checkKeys(FieldProblems problems, ObjectKind kind, List<T> specs, Function<T, String> key) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            String path = kind.section + "[" + i + "]";
            T spec = specs.get(i);
            if (spec == null) {
                problems.add(path, path + " must be an object");
                continue;
            }
            String k = key.apply(spec);
            if (k == null || k.isBlank()) {
                problems.add(path + ".key", "key is required: a stable name for this " + kind.singular
                        + " (letters, digits, '_', '.', ':', '-'), by which later applies find it");
            } else if (!KEY.matcher(k).matches()) {
                problems.add(path + ".key", "key must be 1 to 100 letters, digits, '_', '.', ':' or '-', starting "
                        + "with a letter or digit");
            } else if (!seen.add(k)) {
                problems.add(path + ".key", "key '" + k + "' is used by another " + kind.singular
                        + " of this document");
            }
        }
    }

    /** A reference to another object, by key (or id). */
    static void checkReference(FieldProblems problems, String path, String reference, KeyIndex target) {
        if (reference == null || reference.isBlank()) {
            problems.add(path, path + " must name a " + target.kind.singular + " by its key");
        } else if (!target.canResolve(reference)) {
            problems.add(path, "no " + target.kind.singular + " with key '" + clip(reference) + "' in this document"
                    + (target.prune ? "" : " or the workspace"));
        }
    }

    /** A secret still written as {@code {"env": "NAME"}}: the client should have put the variable's value there. */
    static void checkResolved(FieldProblems problems, String path, Object value) {
        if (value instanceof Map<?, ?> map && map.containsKey("env")) {
            problems.add(path, path + " is an environment reference (" + clip(String.valueOf(map.get("env")))
                    + "); the client resolves it before sending (vigil plan and vigil apply do), the server never "
                    + "reads the environment");
        }
    }

    private static String clip(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "…" : text;
    }
}
