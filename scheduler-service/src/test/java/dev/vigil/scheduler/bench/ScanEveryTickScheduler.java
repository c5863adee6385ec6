package dev.vigil.scheduler.bench;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.common.queue.QueueNames;
import dev.vigil.common.queue.QueueTopology;
import dev.vigil.common.sqs.QueueDirectory;
import dev.vigil.common.sqs.SqsClients;
import dev.vigil.common.sqs.SqsProperties;
import dev.vigil.scheduler.SchedulerProperties;
import dev.vigil.scheduler.dispatch.JobDispatcher;
import dev.vigil.scheduler.round.DueRound;
import dev.vigil.scheduler.schedule.MonitorCatalog;
import dev.vigil.scheduler.schedule.RoundClock;
import dev.vigil.scheduler.round.ScheduledMonitor;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The benchmark's baseline: the naive scheduler that, every tick, looks at every monitor and sends those whose round
 * fell since the previous tick. Same round instants ({@link RoundClock}), same sender ({@link JobDispatcher}) and the
 * same meters (served at {@code /actuator/prometheus}) as the service, so only the due-round extraction differs.
 *
 * <p>Arguments: database URL, SQS endpoint, queue prefix, region, HTTP port.
 */
public final class ScanEveryTickScheduler {

    private static final Duration TICK = Duration.ofMillis(100);

    private ScanEveryTickScheduler() {
    }

    public static void main(String[] args) throws Exception {
        String dbUrl = args[0];
        URI endpoint = URI.create(args[1]);
        QueueNames names = new QueueNames(args[2]);
        String region = args[3];
        int port = Integer.parseInt(args[4]);

        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        http.createContext("/actuator/prometheus", exchange -> {
            byte[] body = meters.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();

        DriverManagerDataSource dataSource = new DriverManagerDataSource(dbUrl);
        List<ScheduledMonitor> monitors = new MonitorCatalog(JdbcClient.create(dataSource)).loadAll();
        SqsAsyncClient sqs = SqsClients.create(new SqsProperties(endpoint, "us-east-1", null, null, names.prefix(),
                true, Duration.ofSeconds(1), 100));
        QueueDirectory queues = new QueueDirectory(sqs);
        queues.provision(QueueTopology.all(names, List.of(region)));
        SchedulerProperties defaults = new SchedulerProperties(TICK, Duration.ofMillis(50), Duration.ofSeconds(60), Duration.ofSeconds(1),
                1L, Duration.ofSeconds(10), 32, 3, Duration.ofSeconds(5), 25, Duration.ofSeconds(60), true);
        JobDispatcher dispatcher = new JobDispatcher(sqs, queues, names, Clock.systemUTC(), defaults, meters);
        System.out.println("active scheduler now monitors=" + monitors.size() + " (scan every tick)");

        long last = System.currentTimeMillis();
        while (true) {
            long now = System.currentTimeMillis();
            List<DueRound> due = new ArrayList<>();
            for (ScheduledMonitor m : monitors) {
                long round = RoundClock.roundAtOrBefore(m.id(), m.intervalSeconds(),
                        java.time.Instant.ofEpochMilli(now)).toEpochMilli();
                if (round > last) {
                    due.add(new DueRound(m, java.time.Instant.ofEpochMilli(round)));
                }
            }
            last = now;
            dispatcher.dispatch(due, () -> true);
            long sleep = now + TICK.toMillis() - System.currentTimeMillis();
            if (sleep > 0) {
                Thread.sleep(sleep);
            }
        }
    }
}
