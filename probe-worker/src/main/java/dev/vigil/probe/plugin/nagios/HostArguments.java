package dev.vigil.probe.plugin.nagios;

import dev.vigil.common.net.BlockedAddressException;
import dev.vigil.common.net.TargetGuard;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;

/**
 * Applies the target guard to the host arguments of Nagios plugins ({@code -H}, {@code --hostname}, {@code -I},
 * {@code --IP-address}, in separate or {@code --opt=value} form), the conventional way plugins name their target.
 * A plugin resolves the name again itself, so this does not pin the connection as the built-in checks do: in SaaS
 * mode, allow-list only plugins that take their target this way.
 */
final class HostArguments {

    private static final Set<String> SHORT = Set.of("-H", "-I");
    private static final Set<String> LONG = Set.of("--hostname", "--IP-address");

    private HostArguments() {
    }

    /**
     * Vets every host argument.
     *
     * @throws BlockedAddressException when one names a refused address
     */
    static void vet(List<String> args, TargetGuard guard) throws UnknownHostException {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String host = null;
            if ((SHORT.contains(arg) || LONG.contains(arg)) && i + 1 < args.size()) {
                host = args.get(++i);
            } else if (arg.length() > 2 && SHORT.contains(arg.substring(0, 2)) && !arg.startsWith("--")) {
                host = arg.substring(2);
            } else if (arg.contains("=") && LONG.contains(arg.substring(0, arg.indexOf('=')))) {
                host = arg.substring(arg.indexOf('=') + 1);
            }
            if (host != null && !host.isBlank()) {
                try {
                    guard.resolve(host);
                } catch (BlockedAddressException blocked) {
                    throw blocked;
                } catch (UnknownHostException unknown) {
                    // the plugin reports an unknown host in its own words
                }
            }
        }
    }
}
