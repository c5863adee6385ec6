package dev.vigil.common.plugin;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.plugins.*}: which Nagios-compatible plugins tenants may run. Give the api and the probes the same
 * settings.
 *
 * @param includeDefaults whether the built-in list (network checks with safe options) is the starting point; false
 *                        to allow only the plugins of {@code nagios}
 * @param nagios          plugin file name to the options it accepts, e.g. {@code check_tcp: "-H|--hostname host;
 *                        -p|--port port; -w|--warning number"}; kinds are flag, host, port, integer, number, range,
 *                        name, secret, url-path, text and {@code choice:a/b/c}. An entry replaces the built-in one of
 *                        that name; a blank one removes it. Never list an option that takes a file, a command or a
 *                        redirect to follow. Write keys in brackets ({@code "[check_tcp]"}): Spring drops the
 *                        underscore of a bare map key (docs/security.md)
 */
@ConfigurationProperties("vigil.plugins")
public record PluginListProperties(@DefaultValue("true") boolean includeDefaults, Map<String, String> nagios) {

    public PluginListProperties {
        nagios = nagios == null ? Map.of() : Map.copyOf(nagios);
    }

    /** The list these settings describe. */
    public NagiosPluginList list() {
        return NagiosPluginList.of(includeDefaults, nagios);
    }
}
