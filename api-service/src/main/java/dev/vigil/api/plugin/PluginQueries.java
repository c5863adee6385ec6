package dev.vigil.api.plugin;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the plugins offered by live probe instances, as the alerting service records them from heartbeats
 * ({@code probe_instances}, {@code probe_plugins}). An instance that stopped, or missed its heartbeats, offers nothing.
 */
@Component
public class PluginQueries {

    private final JdbcClient jdbc;

    PluginQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<OfferedPlugin> offered() {
        return jdbc.sql("""
                        SELECT p.name, p.kind, max(p.description) AS description,
                               array_agg(DISTINCT i.region ORDER BY i.region) AS regions
                        FROM probe_plugins p
                        JOIN probe_instances i ON i.instance_id = p.instance_id
                        WHERE i.expires_at > now() AND NOT i.stopping
                        GROUP BY p.name, p.kind
                        ORDER BY p.name, p.kind""")
                .query((rs, row) -> new OfferedPlugin(rs.getString("name"), rs.getString("kind"),
                        rs.getString("description"), regions(rs.getArray("regions"))))
                .list();
    }

    private static List<String> regions(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
