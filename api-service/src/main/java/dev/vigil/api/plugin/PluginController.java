package dev.vigil.api.plugin;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/plugins}: the plugins PLUGIN monitors can use, with the regions whose live probes offer each.
 * The same for every workspace (what the deployment's probes can run); authenticated like every {@code /api/v1}
 * route.
 */
@RestController
class PluginController {

    private final PluginQueries queries;

    PluginController(PluginQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/plugins")
    PluginList plugins() {
        return new PluginList(queries.offered());
    }

    record PluginList(List<OfferedPlugin> items) {
    }
}
