package dev.vigil.common.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The Nagios-compatible plugins tenants may run, each with the options it accepts. The api refuses a PLUGIN monitor
 * that does not fit it; a probe refuses again before starting anything (a deployment's api and probes may differ
 * for a while, and a job may come from somewhere else than the api).
 *
 * <p>The built-in list ({@code nagios-plugins.properties} beside this class) holds network checks only, and of each
 * only options that neither read nor write the worker's files nor follow redirects: no {@code check_log},
 * {@code check_disk}, {@code check_by_ssh}, {@code negate}; no {@code check_http -f follow}, {@code -J}/{@code -K}
 * (certificate files). A deployment adds, replaces or removes entries with {@code vigil.plugins.nagios.<name>}
 * (see {@link PluginListProperties}).
 */
public final class NagiosPluginList {

    private static final String DEFAULTS = "nagios-plugins.properties";

    private final Map<String, NagiosPlugin> plugins;

    private NagiosPluginList(Map<String, NagiosPlugin> plugins) {
        this.plugins = Collections.unmodifiableMap(new TreeMap<>(plugins));
    }

    /** The built-in list. */
    public static NagiosPluginList defaults() {
        return of(true, Map.of());
    }

    /**
     * The built-in list (when {@code withDefaults}) with {@code own} entries added or replacing theirs; an entry with
     * a blank spec removes the plugin.
     *
     * @throws IllegalArgumentException when an entry is malformed, naming it
     */
    public static NagiosPluginList of(boolean withDefaults, Map<String, String> own) {
        Map<String, NagiosPlugin> plugins = new TreeMap<>();
        if (withDefaults) {
            builtIn().forEach((name, spec) -> plugins.put(name, NagiosPlugin.parse(name, spec)));
        }
        own.forEach((name, spec) -> {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")) {
                throw new IllegalArgumentException("vigil.plugins.nagios: \"" + name + "\" is not a plugin file name");
            }
            if (spec == null || spec.isBlank()) {
                plugins.remove(name);
            } else {
                plugins.put(name, NagiosPlugin.parse(name, spec));
            }
        });
        return new NagiosPluginList(plugins);
    }

    private static Map<String, String> builtIn() {
        Properties properties = new Properties();
        try (InputStream in = NagiosPluginList.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> specs = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> specs.put(name, properties.getProperty(name)));
        return specs;
    }

    /** The plugin of that name, when tenants may run it. */
    public Optional<NagiosPlugin> plugin(String name) {
        return Optional.ofNullable(plugins.get(name));
    }

    /** The names on the list, sorted. */
    public List<String> names() {
        return List.copyOf(plugins.keySet());
    }

    /** Why {@code name} with {@code args} is refused, or empty when the list allows it. */
    public Optional<String> refusal(String name, List<String> args) {
        NagiosPlugin plugin = plugins.get(name);
        if (plugin == null) {
            return Optional.of("plugin " + name + " is not on this service's plugin list; see GET /api/v1/plugins");
        }
        return plugin.refusal(args);
    }
}
