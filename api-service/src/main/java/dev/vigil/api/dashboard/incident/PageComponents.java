package dev.vigil.api.dashboard.incident;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The workspace's status-page components, for the impact fields of the incident forms. */
@Component
class PageComponents {

    record PageComponent(UUID id, String name, String page) {

        public String label() {
            return page + " — " + name;
        }
    }

    private final JdbcClient jdbc;

    PageComponents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<PageComponent> of(UUID workspaceId) {
        return jdbc.sql("""
                        SELECT c.id, c.name, p.title FROM status_page_components c
                        JOIN status_pages p ON p.id = c.page_id
                        WHERE p.workspace_id = ? ORDER BY p.title, p.id, c.position""")
                .param(workspaceId)
                .query((rs, n) -> new PageComponent(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("title")))
                .list();
    }
}
