package dev.vigil.api.plugin;

import dev.vigil.api.monitor.PluginCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checks PLUGIN monitors against what the live probes of each chosen region offer (from their heartbeats). A region
 * with no live probe at the moment (a fresh deployment, a region being redeployed) cannot be asked, so it refuses
 * nothing: the probe would report an unknown plugin as a failed check, which is visible, rather than the API blocking
 * a monitor on a transient absence.
 */
@Component
class FleetPluginCatalog implements PluginCatalog {

    private final JdbcClient jdbc;

    FleetPluginCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> unavailability(String plugin, List<String> regions) {
        Set<String> live = Set.copyOf(jdbc.sql("""
                        SELECT DISTINCT region FROM probe_instances
                        WHERE expires_at > now() AND NOT stopping AND region = ANY (:regions)""")
                .param("regions", regions.toArray(String[]::new)).query(String.class).list());
        if (live.isEmpty()) {
            return Optional.empty();
        }
        Set<String> offering = Set.copyOf(jdbc.sql("""
                        SELECT DISTINCT i.region FROM probe_plugins p
                        JOIN probe_instances i ON i.instance_id = p.instance_id
                        WHERE p.name = :plugin AND i.expires_at > now() AND NOT i.stopping
                          AND i.region = ANY (:regions)""")
                .param("plugin", plugin).param("regions", regions.toArray(String[]::new))
                .query(String.class).list());
        List<String> missing = new ArrayList<>();
        for (String region : regions) {
            if (live.contains(region) && !offering.contains(region)) {
                missing.add(region);
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("plugin '" + plugin + "' is not offered in " + String.join(", ", missing)
                + "; see GET /api/v1/plugins for what each region offers");
    }

    @Override
    public boolean offersJavaPlugin(String plugin, List<String> regions) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM probe_plugins p
                        JOIN probe_instances i ON i.instance_id = p.instance_id
                        WHERE p.name = :plugin AND p.kind = 'JAVA' AND i.expires_at > now() AND NOT i.stopping
                          AND i.region = ANY (:regions))""")
                .param("plugin", plugin).param("regions", regions.toArray(String[]::new))
                .query(Boolean.class).single();
    }
}
