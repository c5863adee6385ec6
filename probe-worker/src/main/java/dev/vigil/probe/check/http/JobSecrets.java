package dev.vigil.probe.check.http;

import dev.vigil.common.message.CheckJob;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workspace variables ({@code {{vars.NAME}}}) of one job, for check types other than API_STEPS (WebSocket headers,
 * database credentials): fills them into the text a connection needs, and remembers each opened value so that it can
 * be taken out again of every message the result carries (a server echoing a user name, a driver quoting its URL).
 */
public final class JobSecrets {

    private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*vars\\.([A-Za-z_][A-Za-z0-9_]{0,63})\\s*}}");

    private final CheckJob job;
    private final WorkspaceVariables variables;
    private final List<String> opened = new ArrayList<>();

    public JobSecrets(CheckJob job, WorkspaceVariables variables) {
        this.job = job;
        this.variables = variables;
    }

    /** {@code template} with each {@code {{vars.NAME}}} replaced by its value; {@link Missing} when one cannot be. */
    public String fill(String template) {
        if (template == null || template.indexOf("{{") < 0) {
            return template;
        }
        Matcher matcher = REFERENCE.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 32);
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(open(matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String open(String name) {
        String sealed = job.variables().get(name);
        if (sealed == null) {
            throw new Missing("the workspace variable " + name + " is not set");
        }
        String value;
        try {
            value = variables.open(job.workspaceId(), name, sealed);
        } catch (WorkspaceVariables.NotOpened e) {
            throw new Missing(e.getMessage());
        }
        if (!value.isEmpty() && !opened.contains(value)) {
            opened.add(value);
        }
        return value;
    }

    /** {@code text} with every opened value replaced by {@code ***}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (String secret : opened) {
            redacted = redacted.replace(secret, "***");
        }
        return redacted;
    }

    /** Why a variable could not be filled in; the check fails with this message. */
    public static final class Missing extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Missing(String message) {
            super(message, null, false, false);
        }
    }
}
