package dev.vigil.common.plugin;

import java.util.List;
import java.util.Optional;

/**
 * One option a plugin accepts: its spellings ({@code -H}, {@code --hostname}), the kind of value it takes and, for
 * a CHOICE, the words allowed.
 *
 * @param names   every spelling of the option, each starting with {@code -}
 * @param kind    what its value must be
 * @param choices the allowed words of a CHOICE, empty otherwise
 */
public record PluginOption(List<String> names, ArgumentKind kind, List<String> choices) {

    public PluginOption {
        names = List.copyOf(names);
        choices = List.copyOf(choices);
    }

    /** Why {@code value} is not acceptable for this option, or empty when it is. */
    Optional<String> refusal(String spelling, String value) {
        if (kind == ArgumentKind.CHOICE) {
            return choices.contains(value) ? Optional.empty()
                    : Optional.of(spelling + " accepts only " + String.join(", ", choices) + " (got \"" + clip(value)
                    + "\")");
        }
        return kind.accepts(value) ? Optional.empty()
                : Optional.of(spelling + " takes " + kind.description() + " (got \"" + clip(value) + "\")");
    }

    /** As the list is written: {@code -H|--hostname host}, {@code -f choice:ok/warning}. */
    String written() {
        String kindName = kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return String.join("|", names) + " " + (kind == ArgumentKind.CHOICE ? "choice:" + String.join("/", choices)
                : kindName);
    }

    private static String clip(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "…";
    }
}
