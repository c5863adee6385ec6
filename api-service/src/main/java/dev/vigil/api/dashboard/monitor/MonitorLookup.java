package dev.vigil.api.dashboard.monitor;

import dev.vigil.api.dashboard.Caller;
import dev.vigil.api.monitor.MonitorRepository;
import dev.vigil.api.monitor.MonitorResponse;
import dev.vigil.api.monitor.MonitorViews;
import dev.vigil.api.web.NotFoundException;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Loads a monitor of the caller's workspace as the API shows it; another workspace's is a 404, as in the API. */
@Component
class MonitorLookup {

    private final MonitorRepository monitors;
    private final MonitorViews views;

    MonitorLookup(MonitorRepository monitors, MonitorViews views) {
        this.monitors = monitors;
        this.views = views;
    }

    @Transactional(readOnly = true)
    MonitorResponse get(Caller caller, UUID id) {
        return monitors.findByIdAndWorkspaceId(id, caller.workspaceId()).map(m -> views.of(m, caller.reader()))
                .orElseThrow(() -> new NotFoundException("monitor"));
    }
}
