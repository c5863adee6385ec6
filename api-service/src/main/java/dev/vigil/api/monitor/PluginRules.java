package dev.vigil.api.monitor;

import dev.vigil.api.web.FieldProblems;
import dev.vigil.common.check.PluginCheck;
import dev.vigil.common.plugin.NagiosPluginList;
import java.util.List;

/**
 * What a PLUGIN monitor may run: a Nagios plugin of the plugin list ({@code vigil.plugins.*}, the list probes enforce
 * too) with only the options it accepts, or a Java plugin a live probe of the chosen regions offers (installed by the
 * operator; its arguments are its own). So {@code check_log -F /etc/passwd} or {@code check_http -f follow} never
 * reach a queue.
 */
final class PluginRules {

    private PluginRules() {
    }

    static void check(FieldProblems problems, PluginCheck plugin, NagiosPluginList nagios, PluginCatalog catalog,
                      List<String> regions) {
        if (nagios.plugin(plugin.plugin()).isEmpty()) {
            if (!catalog.offersJavaPlugin(plugin.plugin(), regions)) {
                problems.add("plugin", "plugin " + plugin.plugin() + " is not on this service's plugin list; see GET "
                        + "/api/v1/plugins");
            }
            return;
        }
        nagios.refusal(plugin.plugin(), plugin.args()).ifPresent(reason -> problems.add("args", reason));
    }
}
