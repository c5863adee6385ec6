package dev.vigil.probe.plugin.spi;

import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.PerfDatum;
import dev.vigil.common.message.PhaseTimings;
import dev.vigil.plugin.CheckExecutor;
import dev.vigil.plugin.CheckReport;
import dev.vigil.plugin.CheckRequest;
import dev.vigil.plugin.PerfValue;
import dev.vigil.plugin.Status;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.net.Connector;
import dev.vigil.probe.plugin.nagios.PluginDirectories;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java plugins of a folder, found with {@link ServiceLoader}: each {@code *.jar} in the folder is one plugin, and
 * each sub-folder is one plugin made of all the jars in it (a plugin and its libraries). Every plugin has its own
 * {@link PluginClassLoader}. A plugin runs on its own virtual thread, so a plugin that overruns its timeout is
 * abandoned (and interrupted) rather than holding the check.
 */
public final class JavaPlugins implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JavaPlugins.class);
    private static final int MAX_PERF_DATA = 50;

    private final Map<String, CheckExecutor> executors;
    private final List<PluginClassLoader> loaders;
    private final GuardedNetwork network;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private JavaPlugins(Map<String, CheckExecutor> executors, List<PluginClassLoader> loaders, Connector connector) {
        this.executors = Collections.unmodifiableMap(executors);
        this.loaders = loaders;
        this.network = new GuardedNetwork(connector);
    }

    /** Loads the plugins of {@code folder}; none when it is null or missing. */
    public static JavaPlugins load(Path folder, Connector connector) {
        Map<String, CheckExecutor> executors = new LinkedHashMap<>();
        List<PluginClassLoader> loaders = new ArrayList<>();
        if (folder != null && Files.isDirectory(folder)) {
            for (Path plugin : entries(folder)) {
                URL[] jars = jarsOf(plugin);
                if (jars.length == 0) {
                    continue;
                }
                PluginClassLoader loader = new PluginClassLoader("plugin-" + plugin.getFileName(), jars,
                        JavaPlugins.class.getClassLoader());
                loaders.add(loader);
                register(plugin, loader, executors);
            }
        }
        log.info("java plugins loaded folder={} types={}", folder, executors.keySet());
        return new JavaPlugins(executors, loaders, connector);
    }

    private static void register(Path plugin, PluginClassLoader loader, Map<String, CheckExecutor> executors) {
        try {
            for (CheckExecutor executor : ServiceLoader.load(CheckExecutor.class, loader)) {
                String type = executor.type();
                if (!PluginDirectories.isValidName(type)) {
                    log.warn("java plugin skipped: invalid type name plugin={} type={}", plugin, type);
                } else if (executors.putIfAbsent(type, executor) != null) {
                    log.warn("java plugin skipped: type already provided plugin={} type={}", plugin, type);
                }
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            log.warn("java plugin could not be loaded plugin={} error={}", plugin, e.toString());
        }
    }

    private static List<Path> entries(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            log.warn("java plugin folder unreadable folder={} error={}", folder, e.toString());
            return List.of();
        }
    }

    private static URL[] jarsOf(Path plugin) {
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(plugin)) {
            try (Stream<Path> inside = Files.list(plugin)) {
                inside.filter(JavaPlugins::isJar).sorted().forEach(jars::add);
            } catch (IOException e) {
                return new URL[0];
            }
        } else if (isJar(plugin)) {
            jars.add(plugin);
        }
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                log.warn("java plugin jar skipped jar={} error={}", jar, e.toString());
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static boolean isJar(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar");
    }

    public boolean offers(String type) {
        return executors.containsKey(type);
    }

    /** Type name → one-line description. */
    public Map<String, String> descriptions() {
        Map<String, String> descriptions = new LinkedHashMap<>();
        executors.forEach((type, executor) -> descriptions.put(type, safeDescription(executor)));
        return descriptions;
    }

    private static String safeDescription(CheckExecutor executor) {
        try {
            String description = executor.description();
            return description == null || description.isBlank() ? null : description;
        } catch (RuntimeException e) {
            return null;
        }
    }

    public CheckOutcome run(String type, List<String> args, Duration timeout) {
        CheckExecutor executor = executors.get(type);
        long start = System.nanoTime();
        if (executor == null) {
            return CheckOutcome.failed(ErrorKind.PLUGIN, "no plugin named \"" + type + "\" in this region", 0);
        }
        // The plugin is told a little less than the check's time, so a well-behaved one reports its own timeout (with
        // what it saw) before the probe gives up on it.
        Duration told = timeout.minus(min(Duration.ofMillis(250), timeout.dividedBy(10)));
        Future<CheckReport> running = threads.submit(() -> executor.execute(new CheckRequest(args, told, network)));
        CheckReport report;
        try {
            report = running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            return CheckOutcome.failed(ErrorKind.TIMEOUT, "plugin " + type + " did not finish within "
                    + timeout.toMillis() + " ms", elapsed(start));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return CheckOutcome.failed(ErrorKind.PLUGIN, "plugin " + type + " failed: " + cause.getClass()
                    .getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), elapsed(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.cancel(true);
            return CheckOutcome.failed(ErrorKind.INTERNAL, "interrupted while running plugin " + type,
                    elapsed(start));
        }
        if (report == null) {
            return CheckOutcome.failed(ErrorKind.PLUGIN, "plugin " + type + " returned no report", elapsed(start));
        }
        return outcome(type, report, elapsed(start));
    }

    private static CheckOutcome outcome(String type, CheckReport report, long latency) {
        boolean ok = switch (report.status()) {
            case OK, WARNING -> true;
            case CRITICAL, UNKNOWN -> false;
        };
        String message = report.message() == null || report.message().isBlank()
                ? type + " reported " + report.status() : report.message().strip().lines().findFirst().orElse("");
        List<PerfDatum> perf = report.perfData().stream().limit(MAX_PERF_DATA).map(JavaPlugins::datum).toList();
        return new CheckOutcome(ok, report.status() == Status.WARNING, latency, PhaseTimings.NONE,
                null, ok ? null : ErrorKind.PLUGIN, message, List.of(), perf, null, null);
    }

    private static PerfDatum datum(PerfValue value) {
        return new PerfDatum(value.label(), value.value(), value.unit(), value.warn(), value.crit(), value.min(),
                value.max());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public void close() {
        threads.shutdownNow();
        for (PluginClassLoader loader : loaders) {
            try {
                loader.close();
            } catch (IOException e) {
                log.debug("plugin class loader did not close: {}", e.toString());
            }
        }
    }
}
