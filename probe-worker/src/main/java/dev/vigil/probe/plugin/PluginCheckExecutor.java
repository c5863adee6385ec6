package dev.vigil.probe.plugin;

import dev.vigil.common.check.MonitorType;
import dev.vigil.common.check.PluginCheck;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.check.Stopwatch;
import dev.vigil.probe.check.TypedCheckExecutor;
import dev.vigil.probe.plugin.nagios.NagiosPlugins;
import dev.vigil.probe.plugin.nagios.PluginDirectories;
import dev.vigil.probe.plugin.spi.JavaPlugins;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * PLUGIN checks: the plugin named by the monitor, a Java plugin when one has that type (the operator installed it
 * on purpose), else a Nagios-compatible executable from the allow-listed directories.
 */
@Component
class PluginCheckExecutor extends TypedCheckExecutor<PluginCheck> {

    private final JavaPlugins javaPlugins;
    private final NagiosPlugins nagiosPlugins;

    PluginCheckExecutor(JavaPlugins javaPlugins, NagiosPlugins nagiosPlugins) {
        super(MonitorType.PLUGIN, PluginCheck.class);
        this.javaPlugins = javaPlugins;
        this.nagiosPlugins = nagiosPlugins;
    }

    @Override
    protected CheckOutcome run(CheckJob job, PluginCheck check, Stopwatch stopwatch) {
        String name = check.plugin();
        if (!PluginDirectories.isValidName(name)) {
            return CheckOutcome.failed(ErrorKind.PLUGIN, "\"" + name + "\" is not a plugin name (a bare name such as "
                    + "check_http; no paths)", 0);
        }
        Duration timeout = Duration.ofMillis(job.timeoutMs());
        CheckOutcome outcome = javaPlugins.offers(name) ? javaPlugins.run(name, check.args(), timeout)
                : nagiosPlugins.run(name, check.args(), timeout);
        return outcome.degradedIfSlow(job);
    }
}
