package dev.vigil.probe.plugin;

import dev.vigil.common.message.ProbeHeartbeat.OfferedPlugin;
import dev.vigil.common.message.ProbeHeartbeat.PluginKind;
import dev.vigil.probe.plugin.nagios.NagiosPlugins;
import dev.vigil.probe.plugin.spi.JavaPlugins;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The plugins this worker offers, as heartbeats announce them. Read afresh each time, so plugins installed into an
 * allowed directory (a new Debian package, say) are offered without a restart.
 */
@Component
public class PluginCatalog {

    private final JavaPlugins javaPlugins;
    private final NagiosPlugins nagiosPlugins;

    PluginCatalog(JavaPlugins javaPlugins, NagiosPlugins nagiosPlugins) {
        this.javaPlugins = javaPlugins;
        this.nagiosPlugins = nagiosPlugins;
    }

    public List<OfferedPlugin> offered() {
        List<OfferedPlugin> offered = new ArrayList<>();
        javaPlugins.descriptions().forEach((type, description) ->
                offered.add(new OfferedPlugin(type, PluginKind.JAVA, description)));
        for (String name : nagiosPlugins.names()) {
            if (!javaPlugins.offers(name)) {
                offered.add(new OfferedPlugin(name, PluginKind.NAGIOS, null));
            }
        }
        return offered;
    }
}
