package dev.vigil.alerting.notify;

import java.util.List;
import dev.vigil.common.net.TargetPolicy;
import java.time.Instant;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Run in a child JVM by {@link DispatcherCrashIT}: one dispatcher pass whose process halts (no shutdown hooks, no
 * rollback, no finally blocks: as {@code kill -9}) right after a receiver answered and before the outcome is recorded.
 * Arguments: the database's JDBC URL, the clock's instant.
 */
final class CrashingDispatcherMain {

    private CrashingDispatcherMain() {
    }

    public static void main(String[] args) {
        NotifyHarness harness = new NotifyHarness(args[0], Instant.parse(args[1]));
        NotifyProperties properties = NotifyHarness.properties();
        DeliveryQueue halting = new DeliveryQueue(harness.jdbc,
                    new org.springframework.jdbc.core.JdbcTemplate(harness.dataSource), properties,
                new ChannelHealth(harness.jdbc, properties), new RetryPolicy(properties.retryBase(),
                properties.retryMax(), new java.util.Random(1)),
                new DataSourceTransactionManager(harness.dataSource)) {
            @Override
            void completeAll(List<Outcome> outcomes, Instant now) {
                System.out.println("sent " + outcomes.size() + " delivered=" + outcomes.getFirst().result().delivered()
                        + "; halting");
                System.out.flush();
                Runtime.getRuntime().halt(137);
            }
        };
        harness.dispatcher(properties, null, TargetPolicy.allowingPrivate(), halting).runOnce();
        System.out.println("nothing was claimed");
        System.exit(3);
    }
}
