package dev.vigil.common.check;

import java.util.List;

/**
 * A plugin run by the probe: a Nagios-compatible executable from the region's allow-listed plugin directory, or a
 * Java plugin found by the probe's plugin loader, named {@code plugin} and given {@code args} as a list (never
 * through a shell).
 */
public record PluginCheck(String plugin, List<String> args) implements CheckSpec {

    public PluginCheck {
        args = args == null ? List.of() : List.copyOf(args);
    }

    @Override
    public MonitorType type() {
        return MonitorType.PLUGIN;
    }

    @Override
    public String target() {
        return plugin + (args.isEmpty() ? "" : " " + String.join(" ", args));
    }
}
