package dev.vigil.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A monitor named on the command line by its id or by its exact name (names are looked up with the list's search;
 * a name two monitors share is refused with their ids, so a script never acts on the wrong one).
 */
final class MonitorRef {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
            + "-[0-9a-fA-F]{12}");

    private MonitorRef() {
    }

    /** The monitor's id. */
    static String resolve(VigilApi api, String reference) {
        if (UUID.matcher(reference).matches()) {
            return reference;
        }
        JsonNode found = api.get("/api/v1/monitors?size=200&q=" + URLEncoder.encode(reference, StandardCharsets.UTF_8));
        List<String> ids = new ArrayList<>();
        for (JsonNode monitor : found.path("items")) {
            if (monitor.path("name").asString("").equals(reference)) {
                ids.add(monitor.path("id").asString());
            }
        }
        if (ids.isEmpty()) {
            throw new CliException(ExitCodes.NOT_FOUND, "no monitor named '" + reference + "' (see `vigil monitors "
                    + "list`)");
        }
        if (ids.size() > 1) {
            throw new CliException(ExitCodes.USAGE, ids.size() + " monitors are named '" + reference + "'; give "
                    + "the id of one", ids);
        }
        return ids.getFirst();
    }
}
