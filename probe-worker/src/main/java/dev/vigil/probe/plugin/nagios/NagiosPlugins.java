package dev.vigil.probe.plugin.nagios;

import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.PhaseTimings;
import dev.vigil.common.net.BlockedAddressException;
import dev.vigil.common.net.TargetGuard;
import dev.vigil.common.plugin.NagiosPluginList;
import dev.vigil.probe.ProbeProperties;
import dev.vigil.probe.check.CheckOutcome;
import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Nagios-compatible plugins: those of the plugin list ({@link NagiosPluginList}, {@code vigil.plugins.*}) found in the
 * plugin directories, run only with the options the list accepts for them, their host values vetted by the target
 * guard, as an unprivileged user in an empty directory ({@link PluginSandbox}). Exit code 0 OK, 1 WARNING (up,
 * degraded), 2 CRITICAL and 3 UNKNOWN (down; any other code counts as UNKNOWN), the first output line as the message,
 * performance data parsed per the plugin guidelines.
 *
 * <p>A plugin resolves its host again itself, so the connection is not pinned to the vetted address as the built-in
 * checks' are; list only plugins that take their target as a HOST option.
 */
@Component
public class NagiosPlugins {

    private final PluginDirectories directories;
    private final NagiosPluginList list;
    private final PluginSandbox sandbox;
    private final TargetGuard guard;
    private final int outputLimit;

    @Autowired
    public NagiosPlugins(ProbeProperties properties, NagiosPluginList list, TargetGuard guard) {
        this(new PluginDirectories(properties.pluginDirs()), list,
                PluginSandbox.forWorker(properties.pluginUser(), properties.pluginGroup()), guard,
                (int) properties.pluginOutputLimit().toBytes());
    }

    NagiosPlugins(PluginDirectories directories, NagiosPluginList list, PluginSandbox sandbox, TargetGuard guard,
                  int outputLimit) {
        this.directories = directories;
        this.list = list;
        this.sandbox = sandbox;
        this.guard = guard;
        this.outputLimit = outputLimit;
    }

    public boolean offers(String name) {
        return list.plugin(name).isPresent() && directories.find(name).isPresent();
    }

    /** The plugins this worker can run, by name: on the list and installed. */
    public List<String> names() {
        return directories.names().stream().filter(name -> list.plugin(name).isPresent()).toList();
    }

    public CheckOutcome run(String name, List<String> args, Duration timeout) {
        long start = System.nanoTime();
        Optional<String> refused = list.refusal(name, args).or(sandbox::refusal);
        if (refused.isPresent()) {
            return CheckOutcome.failed(ErrorKind.BLOCKED, "refused by the probe's plugin policy: " + refused.get(), 0);
        }
        Optional<Path> executable = directories.find(name);
        if (executable.isEmpty()) {
            return CheckOutcome.failed(ErrorKind.PLUGIN, "no plugin named \"" + name + "\" in this region", 0);
        }
        for (String host : list.plugin(name).orElseThrow().hosts(args)) {
            try {
                guard.resolve(host);
            } catch (BlockedAddressException e) {
                return CheckOutcome.failed(ErrorKind.BLOCKED, "refused by the probe's target policy: "
                        + e.getMessage(), 0);
            } catch (UnknownHostException e) {
                // the plugin reports an unknown host in its own words
            }
        }
        PluginProcess.Run run;
        try {
            run = PluginProcess.run(sandbox, executable.get(), args, timeout, outputLimit);
        } catch (IOException e) {
            return CheckOutcome.failed(ErrorKind.PLUGIN, "plugin " + name + " could not start: " + e.getMessage(),
                    elapsed(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckOutcome.failed(ErrorKind.INTERNAL, "interrupted while running plugin " + name,
                    elapsed(start));
        }
        long latency = elapsed(start);
        if (run.timedOut()) {
            return CheckOutcome.failed(ErrorKind.TIMEOUT, "plugin " + name + " did not finish within "
                    + timeout.toMillis() + " ms and was stopped", latency);
        }
        return outcome(name, run, latency);
    }

    private static CheckOutcome outcome(String name, PluginProcess.Run run, long latency) {
        PluginOutput output = PluginOutput.parse(run.stdout());
        String message = output.message().isEmpty() ? firstLine(run.stderr()) : output.message();
        int code = run.exitCode();
        boolean ok = code == 0 || code == 1;
        if (message.isEmpty()) {
            message = name + " exited with " + code + " and no output";
        } else if (code > 3 || code < 0) {
            message = message + " (exit code " + code + ", counted as UNKNOWN)";
        }
        return new CheckOutcome(ok, code == 1, latency, PhaseTimings.NONE, null, ok ? null : ErrorKind.PLUGIN,
                message, List.of(), output.perfData(), null, null);
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline).strip();
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
