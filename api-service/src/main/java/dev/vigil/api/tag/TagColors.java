package dev.vigil.api.tag;

import dev.vigil.api.web.FieldProblems;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** A tag's colour: {@code #rrggbb}, stored lower-case; a tag sent without one gets a palette colour by its name. */
final class TagColors {

    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");
    /** Distinct at a glance in light and dark themes, and dark enough for white text on a chip. */
    static final List<String> PALETTE = List.of("#2563eb", "#db2777", "#059669", "#d97706", "#7c3aed", "#0891b2",
            "#dc2626", "#4d7c0f", "#475569", "#c2410c");

    private TagColors() {
    }

    /** The colour to store, or null with a problem recorded. */
    static String of(FieldProblems problems, String requested, String name) {
        if (requested == null || requested.isBlank()) {
            int index = Math.floorMod(name == null ? 0 : name.toLowerCase(Locale.ROOT).hashCode(), PALETTE.size());
            return PALETTE.get(index);
        }
        String color = requested.strip();
        if (!HEX.matcher(color).matches()) {
            problems.add("color", "color must be #rrggbb, e.g. #2563eb");
            return null;
        }
        return color.toLowerCase(Locale.ROOT);
    }
}
