package dev.vigil.common.plugin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin tenants may run and the options it accepts. Arguments are read as GNU getopt would, but strictly: each
 * option exactly as listed (no abbreviations, no {@code -Hvalue} joined forms, no {@code --}), its value as the next
 * argument or after {@code =} for a long option, and nothing positional.
 *
 * @param name    the plugin's file name ({@code check_tcp})
 * @param options what it accepts
 */
public record NagiosPlugin(String name, List<PluginOption> options) {

    public NagiosPlugin {
        options = List.copyOf(options);
    }

    /**
     * Parses one list entry: options separated by {@code ;}, each its spellings joined by {@code |}, a space and its
     * kind ({@code -H|--hostname host; -p|--port port; -f|--onredirect choice:ok/warning/critical}).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static NagiosPlugin parse(String name, String spec) {
        List<PluginOption> options = new ArrayList<>();
        for (String entry : spec.split(";")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException(name + ": \"" + trimmed + "\" is not OPTION KIND (e.g. -p|--port "
                        + "port)");
            }
            List<String> names = List.of(parts[0].split("\\|"));
            for (String option : names) {
                if (!option.matches("-[A-Za-z0-9]|--[A-Za-z0-9][A-Za-z0-9_-]*")) {
                    throw new IllegalArgumentException(name + ": \"" + option + "\" is not an option (-x or --word)");
                }
            }
            String kind = parts[1];
            if (kind.startsWith("choice:")) {
                List<String> choices = List.of(kind.substring("choice:".length()).split("/"));
                options.add(new PluginOption(names, ArgumentKind.CHOICE, choices));
            } else {
                try {
                    options.add(new PluginOption(names, ArgumentKind.valueOf(kind.toUpperCase(Locale.ROOT)
                            .replace('-', '_')), List.of()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + ": unknown kind \"" + kind + "\" (flag, host, port, "
                            + "integer, number, range, name, secret, url-path, text or choice:a/b)", e);
                }
            }
        }
        return new NagiosPlugin(name, options);
    }

    /** Why these arguments are refused, or empty when every one is an accepted option with an acceptable value. */
    public Optional<String> refusal(List<String> args) {
        Map<String, PluginOption> byName = byName();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String spelling = arg;
            String value = null;
            if (arg.startsWith("--") && arg.indexOf('=') > 2) {
                spelling = arg.substring(0, arg.indexOf('='));
                value = arg.substring(arg.indexOf('=') + 1);
            }
            PluginOption option = byName.get(spelling);
            if (option == null) {
                return Optional.of(arg.startsWith("-")
                        ? "option " + clip(spelling) + " is not accepted by " + name + " (accepted: " + accepted() + ")"
                        : "\"" + clip(arg) + "\" is not an option; " + name + " takes only options (accepted: "
                        + accepted() + ")");
            }
            if (option.kind() == ArgumentKind.FLAG) {
                if (value != null) {
                    return Optional.of(spelling + " takes no value");
                }
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    return Optional.of(spelling + " needs a value");
                }
                value = args.get(++i);
            }
            Optional<String> refused = option.refusal(spelling, value);
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }

    /** The values given to HOST options: what a probe must vet before the plugin connects anywhere. */
    public List<String> hosts(List<String> args) {
        Map<String, PluginOption> byName = byName();
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int equals = arg.startsWith("--") ? arg.indexOf('=') : -1;
            PluginOption option = byName.get(equals > 2 ? arg.substring(0, equals) : arg);
            if (option == null || option.kind() == ArgumentKind.FLAG) {
                continue;
            }
            String value = equals > 2 ? arg.substring(equals + 1) : (i + 1 < args.size() ? args.get(++i) : null);
            if (option.kind() == ArgumentKind.HOST && value != null) {
                hosts.add(value);
            }
        }
        return hosts;
    }

    /** The entry as the list is written. */
    public String written() {
        return String.join("; ", options.stream().map(PluginOption::written).toList());
    }

    private Map<String, PluginOption> byName() {
        Map<String, PluginOption> byName = new HashMap<>();
        for (PluginOption option : options) {
            option.names().forEach(n -> byName.put(n, option));
        }
        return byName;
    }

    private String accepted() {
        List<String> first = options.stream().map(o -> o.names().getFirst()).toList();
        return String.join(" ", first);
    }

    private static String clip(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "…";
    }
}
