package dev.vigil.probe.check.http;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{name}}} and {@code {{vars.NAME}}} in a step's URL, headers and body. Substitution is one pass over the
 * template: a value that itself contains braces is inserted as it is, never expanded again.
 */
final class StepTemplates {

    static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*(vars\\.)?([A-Za-z_][A-Za-z0-9_]{0,63})\\s*}}");

    private StepTemplates() {
    }

    /** {@code template} with every reference replaced by {@code value}'s answer (which throws for unknown names). */
    static String resolve(String template, Function<Reference, String> value) {
        if (template == null || template.indexOf("{{") < 0) {
            return template;
        }
        Matcher matcher = REFERENCE.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 32);
        while (matcher.find()) {
            String replacement = value.apply(new Reference(matcher.group(1) != null, matcher.group(2)));
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The workspace variables ({@code vars.NAME}) referenced anywhere in {@code texts}. */
    static Set<String> workspaceVariables(Iterable<String> texts) {
        Set<String> names = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            Matcher matcher = REFERENCE.matcher(text);
            while (matcher.find()) {
                if (matcher.group(1) != null) {
                    names.add(matcher.group(2));
                }
            }
        }
        return names;
    }

    /** The headers with their values resolved. */
    static Map<String, String> resolve(Map<String, String> headers, Function<Reference, String> value) {
        Map<String, String> resolved = new LinkedHashMap<>();
        headers.forEach((name, template) -> resolved.put(name, resolve(template, value)));
        return resolved;
    }

    /** A reference: a workspace variable ({@code vars.NAME}) or a value an earlier step extracted. */
    record Reference(boolean workspace, String name) {

        @Override
        public String toString() {
            return "{{" + (workspace ? "vars." : "") + name + "}}";
        }
    }
}
