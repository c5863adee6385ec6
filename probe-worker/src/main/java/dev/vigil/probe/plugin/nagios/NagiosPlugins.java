package dev.vigil.probe.plugin.nagios;

import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.PhaseTimings;
import dev.vigil.common.net.BlockedAddressException;
import dev.vigil.common.net.TargetGuard;
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
 * Nagios-compatible plugins from the allow-listed directories: exit code 0 OK, 1 WARNING (up, degraded), 2 CRITICAL
 * and 3 UNKNOWN (down; any other code counts as UNKNOWN), the first output line as the message, performance data
 * parsed per the plugin guidelines.
 */
@Component
public class NagiosPlugins {

    private final PluginDirectories directories;
    private final TargetGuard guard;
    private final int outputLimit;

    @Autowired
    public NagiosPlugins(ProbeProperties properties, TargetGuard guard) {
        this(new PluginDirectories(properties.pluginDirs()), guard, (int) properties.pluginOutputLimit().toBytes());
    }

    NagiosPlugins(PluginDirectories directories, TargetGuard guard, int outputLimit) {
        this.directories = directories;
        this.guard = guard;
        this.outputLimit = outputLimit;
    }

    public boolean offers(String name) {
        return directories.find(name).isPresent();
    }

    /** The plugins this worker can run, by name. */
    public List<String> names() {
        return directories.names();
    }

    public CheckOutcome run(String name, List<String> args, Duration timeout) {
        long start = System.nanoTime();
        Optional<Path> executable = directories.find(name);
        if (executable.isEmpty()) {
            return CheckOutcome.failed(ErrorKind.PLUGIN, "no plugin named \"" + name + "\" in this region", 0);
        }
        try {
            HostArguments.vet(args, guard);
        } catch (BlockedAddressException e) {
            return CheckOutcome.failed(ErrorKind.BLOCKED, "refused by the probe's target policy: " + e.getMessage(),
                    0);
        } catch (UnknownHostException e) {
            // not reached: unknown hosts are left to the plugin
        }
        PluginProcess.Run run;
        try {
            run = PluginProcess.run(executable.get(), args, timeout, outputLimit);
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
