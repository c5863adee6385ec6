package dev.vigil.probe.plugin.nagios;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where and as whom a plugin runs: never as root, in an empty working directory of its own.
 *
 * <ul>
 *   <li>A worker running as root (a container's default) starts each plugin through {@code setpriv}, as
 *       {@code vigil.probe.plugin-user} and {@code plugin-group} with no supplementary groups, so a plugin cannot read
 *       the worker's files (its configuration, credentials in {@code /proc/1/environ}) nor write anywhere root can.
 *       {@code --no-new-privs} is not set: {@code check_ping} needs {@code ping}'s file capability.</li>
 *   <li>A worker not running as root runs plugins as its own user; run such a worker as an unprivileged user that
 *       owns nothing worth reading (docs/security.md).</li>
 *   <li>Each run gets a fresh, empty directory (mode 700, owned by the plugin's user) as its working directory,
 *       removed afterwards.</li>
 * </ul>
 */
final class PluginSandbox {

    private static final List<Path> SETPRIV = List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"));

    private final List<String> prefix;
    private final String user;
    private final String refusal;

    private PluginSandbox(List<String> prefix, String user, String refusal) {
        this.prefix = List.copyOf(prefix);
        this.user = user;
        this.refusal = refusal;
    }

    /** For this worker: dropping to {@code user}:{@code group} when it runs as root. */
    static PluginSandbox forWorker(String user, String group) {
        if (!runningAsRoot()) {
            return new PluginSandbox(List.of(), null, null);
        }
        Optional<Path> setpriv = SETPRIV.stream().filter(Files::isExecutable).findFirst();
        if (setpriv.isEmpty()) {
            return new PluginSandbox(List.of(), null, "plugins are never run as root, and setpriv (util-linux) "
                    + "is not installed to drop to " + user);
        }
        return new PluginSandbox(List.of(setpriv.get().toString(), "--reuid=" + user, "--regid=" + group,
                "--clear-groups", "--"), user, null);
    }

    /** Why no plugin can run on this worker, if so. */
    Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** Whether plugins run as another user than the worker's. */
    boolean dropsPrivileges() {
        return user != null;
    }

    List<String> command(Path executable, List<String> args) {
        List<String> command = new ArrayList<>(prefix.size() + args.size() + 1);
        command.addAll(prefix);
        command.add(executable.toString());
        command.addAll(args);
        return command;
    }

    /** A new empty directory for one run, owned by the plugin's user. */
    Path workingDirectory() throws IOException {
        Path directory = Files.createTempDirectory("vigil-plugin-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        if (user != null) {
            UserPrincipal owner = FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByName(user);
            Files.setOwner(directory, owner);
        }
        return directory;
    }

    /** Removes a run's directory and whatever the plugin left in it (files only; plugins have no reason for more). */
    static void remove(Path directory) {
        try (var entries = Files.walk(directory)) {
            entries.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // left for the temp cleaner
                }
            });
        } catch (IOException e) {
            // left for the temp cleaner
        }
    }

    private static boolean runningAsRoot() {
        try {
            // /proc/self is owned by the process's effective user.
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
