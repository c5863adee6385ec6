package dev.vigil.local;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/vigil-local}: starts the local stack and keeps it running until Ctrl-C or SIGTERM.
 *
 * <p>Environment: {@code VIGIL_DB_URL} (use this PostgreSQL instead of the embedded one), {@code VIGIL_HOME} (where the
 * embedded database keeps its data, default {@code ~/.vigil}), {@code SERVER_PORT} (api port, default 8080),
 * {@code VIGIL_SQS_PORT} (default 9324).
 */
public final class VigilLocal {

    private VigilLocal() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        Path home = Path.of(env.getOrDefault("VIGIL_HOME", System.getProperty("user.home") + "/.vigil"));
        LocalStackOptions options = new LocalStackOptions(blankToNull(env.get("VIGIL_DB_URL")), home.resolve("pgdata"),
                Integer.parseInt(env.getOrDefault("SERVER_PORT", "8080")),
                Integer.parseInt(env.getOrDefault("VIGIL_SQS_PORT", "9324")), LocalStackOptions.LOCAL_REGIONS, Map.of());

        String busy = LocalPorts.firstInUse(options);
        if (busy != null) {
            fail(busy + "\n  Another Vigil may still be stopping, or another program uses the port: wait, stop it, "
                    + "or choose other ports with SERVER_PORT and VIGIL_SQS_PORT.");
        }
        long startedAt = System.nanoTime();
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (RuntimeException e) {
            // The parts that did start were stopped; a library's own threads may remain, so exit rather than return.
            fail("could not start: " + rootMessage(e));
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nVigil: stopping...");
            stack.close();
            System.out.println("Vigil: stopped.");
            stopped.countDown();
        }, "vigil-local-shutdown"));

        System.gc();
        long heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
        System.out.println();
        System.out.printf("Vigil is running (started in %.1f s, heap in use %d MB). Ctrl-C stops it.%n",
                (System.nanoTime() - startedAt) / 1e9, heapMb);
        stack.describe().forEach(line -> System.out.println("  " + line));
        System.out.println("""

                  Try it:
                    curl -s -X POST localhost:%1$d/api/v1/signup -H 'Content-Type: application/json' \\
                      -d '{"email":"me@example.com","password":"correct horse battery","workspace":"Me"}'
                    curl -s -X POST localhost:%1$d/api/v1/monitors -H "Authorization: Bearer $KEY" \\
                      -H 'Content-Type: application/json' \\
                      -d '{"name":"Example","type":"HTTP","url":"https://example.com","intervalSeconds":10}'
                """.formatted(stack.apiPort()));
        stopped.await();
    }

    private static void fail(String message) {
        System.err.println("Vigil: " + message);
        System.err.flush();
        System.exit(1);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
