package dev.vigil.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code --component REF=IMPACT} as the incident commands take it: REF is a status-page component's id, its exact
 * name, or {@code SLUG/NAME} when pages share a name; IMPACT one of Statuspage's words. Names are looked up in the
 * workspace's status pages once per run, and a name that fits two components is refused with their
 * {@code SLUG/NAME}s, so a script never marks the wrong component down.
 */
final class ComponentImpactArgs {

    static final Set<String> IMPACTS = Set.of("degraded_performance", "partial_outage", "major_outage",
            "operational");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ComponentImpactArgs() {
    }

    /** The API's {@code components} array for {@code args}, in their order; empty for none. */
    static ArrayNode resolve(VigilApi api, List<String> args) {
        ArrayNode components = VigilApi.JSON.createArrayNode();
        if (args == null || args.isEmpty()) {
            return components;
        }
        Map<String, String> impacts = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.lastIndexOf('=');
            if (eq <= 0 || eq == arg.length() - 1) {
                throw new CliException(ExitCodes.USAGE, "--component takes COMPONENT=IMPACT, e.g. "
                        + "\"API=partial_outage\"; got: " + arg);
            }
            String impact = arg.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
            if (!IMPACTS.contains(impact)) {
                throw new CliException(ExitCodes.USAGE, "impact must be degraded_performance, partial_outage, "
                        + "major_outage or operational; got: " + arg.substring(eq + 1));
            }
            impacts.put(arg.substring(0, eq).strip(), impact);
        }
        List<Known> known = impacts.keySet().stream().allMatch(ref -> UUID.matcher(ref).matches()) ? List.of()
                : known(api);
        impacts.forEach((ref, impact) -> components.addObject().put("componentId", id(ref, known))
                .put("impact", impact));
        return components;
    }

    private record Known(String id, String slug, String name) {
    }

    private static List<Known> known(VigilApi api) {
        List<Known> known = new ArrayList<>();
        for (JsonNode page : api.get("/api/v1/status-pages").path("items")) {
            for (JsonNode component : page.path("components")) {
                known.add(new Known(component.path("id").asString(), page.path("slug").asString(),
                        component.path("name").asString()));
            }
        }
        return known;
    }

    private static String id(String ref, List<Known> known) {
        if (UUID.matcher(ref).matches()) {
            return ref;
        }
        List<Known> matches = known.stream().filter(k -> ref.equals(k.name())
                || ref.equals(k.slug() + "/" + k.name())).toList();
        if (matches.isEmpty()) {
            throw new CliException(ExitCodes.NOT_FOUND, "no status page component named '" + ref + "' (see `vigil "
                    + "status-pages list`)");
        }
        if (matches.size() > 1) {
            throw new CliException(ExitCodes.USAGE, matches.size() + " components are named '" + ref + "'; "
                    + "name one as SLUG/NAME", matches.stream().map(k -> k.slug() + "/" + k.name()).toList());
        }
        return matches.getFirst().id();
    }
}
