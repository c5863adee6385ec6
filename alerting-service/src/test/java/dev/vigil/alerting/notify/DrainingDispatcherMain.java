package dev.vigil.alerting.notify;

import dev.vigil.common.net.TargetPolicy;
import java.net.URI;
import java.time.Instant;

/**
 * Run in a child JVM by {@link DispatcherKilledMidBatchIT}: one dispatcher draining the outbox with the batch size
 * and send concurrency given, until the test kills the process (SIGKILL) in the middle of a batch. Arguments: the
 * database's JDBC URL, the clock's instant, batch size, send concurrency.
 */
final class DrainingDispatcherMain {

    private DrainingDispatcherMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        NotifyHarness harness = new NotifyHarness(args[0], Instant.parse(args[1]));
        NotifyProperties properties = NotifyHarness.properties(URI.create("http://127.0.0.1:9/pd"),
                URI.create("http://127.0.0.1:9/tg"), Integer.MAX_VALUE, Integer.parseInt(args[2]),
                Integer.parseInt(args[3]));
        Dispatcher dispatcher = harness.dispatcher(properties, null, TargetPolicy.allowingPrivate());
        System.out.println("draining");
        System.out.flush();
        while (true) {
            if (dispatcher.runOnce() == 0) {
                Thread.sleep(50);
            }
        }
    }
}
