package dev.vigil.alerting.notify;

import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.alerting.incident.IncidentKind;
import dev.vigil.alerting.incident.IncidentLedger;
import dev.vigil.alerting.incident.MonitorRef;
import dev.vigil.alerting.maintenance.MaintenanceCalendar;
import dev.vigil.alerting.notify.sender.GuardedHttp;
import dev.vigil.common.crypto.SealedColumns;
import dev.vigil.common.crypto.SecretBox;
import dev.vigil.common.json.WireJson;
import dev.vigil.common.net.GuardedHttpClient;
import dev.vigil.common.net.TargetGuard;
import dev.vigil.common.net.TargetPolicy;
import dev.vigil.common.testing.MutableClock;
import dev.vigil.common.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The notification pipeline built by hand on a database of its own (so no other test context's dispatcher takes its
 * work), with a clock the test moves, real senders and loopback receivers. {@link #dispatcher} may be called again
 * for a second instance on the same database.
 */
final class NotifyHarness implements AutoCloseable {

    static final SecretBox BOX = SecretBox.ofKey("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    final TestDatabase database;
    final HikariDataSource dataSource;
    final JdbcClient jdbc;
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    final MutableClock clock;
    final IncidentLedger ledger;

    NotifyHarness() {
        this(TestDatabase.createMigrated(), null, START);
    }

    /** On an existing database (a child JVM sharing the parent's), its clock at {@code now}. */
    NotifyHarness(String jdbcUrl, Instant now) {
        this(null, jdbcUrl, now);
    }

    private NotifyHarness(TestDatabase database, String jdbcUrl, Instant now) {
        this.database = database;
        this.clock = new MutableClock(now);
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database != null ? database.jdbcUrl() : jdbcUrl);
        dataSource.setMaximumPoolSize(8);
        jdbc = JdbcClient.create(dataSource);
        ledger = new IncidentLedger(jdbc);
    }

    /** Test defaults: quick retries, 3 failures make a channel unhealthy, a generous rate limit. */
    static NotifyProperties properties(URI pagerDuty, URI telegram, int rateLimit) {
        return properties(pagerDuty, telegram, rateLimit, 50);
    }

    static NotifyProperties properties(URI pagerDuty, URI telegram, int rateLimit, int batchSize) {
        return properties(pagerDuty, telegram, rateLimit, batchSize, 32);
    }

    static NotifyProperties properties(URI pagerDuty, URI telegram, int rateLimit, int batchSize,
                                       int sendConcurrency) {
        return new NotifyProperties(true, Duration.ofSeconds(1), batchSize, sendConcurrency, Duration.ofSeconds(10),
                Duration.ofMinutes(10), Duration.ofHours(25), Duration.ofSeconds(5), Map.of(), 3,
                URI.create("https://vigil.test"), "alerts@vigil.test", pagerDuty, telegram, rateLimit,
                Duration.ofMinutes(10), Duration.ofMinutes(30));
    }

    static NotifyProperties properties() {
        return properties(URI.create("http://127.0.0.1:9/pd"), URI.create("http://127.0.0.1:9/tg"), 1000);
    }

    Dispatcher dispatcher(NotifyProperties properties, JavaMailSender mail, TargetPolicy policy) {
        return dispatcher(properties, mail, policy, null);
    }

    /** A dispatcher; {@code queue} replaces the standard delivery queue (to simulate crashes). */
    Dispatcher dispatcher(NotifyProperties properties, JavaMailSender mail, TargetPolicy policy, DeliveryQueue queue) {
        return dispatcher(properties, mail, policy, queue, ProviderEndpoints.defaults());
    }

    /** A dispatcher whose SaaS providers (Opsgenie, Pushover, Twilio) are at {@code providers}. */
    Dispatcher dispatcher(NotifyProperties properties, JavaMailSender mail, TargetPolicy policy, DeliveryQueue queue,
                          ProviderEndpoints providers) {
        var tm = new DataSourceTransactionManager(dataSource);
        Escalations escalations = new Escalations(jdbc, properties, tm);
        NoiseControl noise = new NoiseControl(jdbc, new MaintenanceCalendar(jdbc), properties);
        OutboxFanout fanout = new OutboxFanout(jdbc, new JdbcTemplate(dataSource), noise, escalations, properties,
                tm);
        DeliveryQueue deliveries = queue != null ? queue : queue(properties);
        GuardedHttp http = new GuardedHttp(new GuardedHttpClient(new TargetGuard(policy)));
        return new Dispatcher(fanout, new DigestWriter(jdbc, properties, tm), escalations, deliveries,
                NotifyConfiguration.senders(http, properties, providers, mail, clock), BOX, properties, new SimpleMeterRegistry(),
                clock);
    }

    DeliveryQueue queue(NotifyProperties properties) {
        return new DeliveryQueue(jdbc, new JdbcTemplate(dataSource), properties, new ChannelHealth(jdbc, properties),
                new RetryPolicy(properties.retryBase(), properties.retryMax(), new Random(7)),
                new DataSourceTransactionManager(dataSource));
    }

    Dispatcher dispatcher() {
        return dispatcher(properties(), null, TargetPolicy.allowingPrivate());
    }

    /** Runs passes until one attempts nothing (at most 20). */
    static void drain(Dispatcher dispatcher) {
        for (int i = 0; i < 20 && dispatcher.runOnce() > 0; i++) {
            // next pass
        }
    }

    UUID workspace() {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO workspaces (id, name) VALUES (?, 'Notify tests')").param(id).update();
        return id;
    }

    MonitorRef monitor(UUID workspace, String name) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO monitors (id, workspace_id, name, type, check_spec, interval_seconds, timeout_ms,
                                              regions, confirmations)
                        VALUES (?, ?, ?, 'HTTP', '{"type":"HTTP","url":"https://shop.example/health","method":"GET"}',
                                60, 5000, '{local-a,local-b}', 1)""")
                .params(id, workspace, name).update();
        return new MonitorRef(id, workspace, name, "HTTP", "https://shop.example/health");
    }

    /** A channel as the api-service stores it: its configuration sealed. */
    UUID channel(UUID workspace, String type, Map<String, String> config, boolean isDefault) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO alert_channels (id, workspace_id, name, type, config_sealed, is_default)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(id, workspace, type + " channel", type, BOX.seal(WireJson.write(config),
                        SealedColumns.alertChannelConfig(id)), isDefault)
                .update();
        return id;
    }

    void link(MonitorRef monitor, UUID channel) {
        jdbc.sql("INSERT INTO monitor_alert_channels (monitor_id, channel_id, workspace_id) VALUES (?, ?, ?)")
                .params(monitor.id(), channel, monitor.workspaceId()).update();
    }

    UUID open(MonitorRef monitor) {
        return ledger.open(monitor, IncidentKind.DOWN, "HTTP status 503", List.of("local-a", "local-b"),
                clock.instant(), List.of());
    }

    void resolve(UUID incident, MonitorRef monitor) {
        ledger.resolve(incident, monitor, clock.instant(), "Recovered");
    }

    /** What the api-service's acknowledgement writes, in short. */
    void acknowledge(UUID incident, MonitorRef monitor) {
        jdbc.sql("UPDATE incidents SET acknowledged_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), incident).update();
        jdbc.sql("""
                        INSERT INTO notification_outbox (id, workspace_id, monitor_id, incident_id, event, payload)
                        VALUES (?, ?, ?, ?, 'incident.acknowledged', ?::jsonb)""")
                .params(UUID.randomUUID(), monitor.workspaceId(), monitor.id(), incident, WireJson.write(Map.of(
                        "event", "incident.acknowledged", "occurredAt", clock.instant().toString(),
                        "monitor", Map.of("id", monitor.id().toString(), "name", monitor.name(), "type", "HTTP",
                                "target", monitor.target()),
                        "incident", Map.of("id", incident.toString(), "monitorId", monitor.id().toString(),
                                "kind", "DOWN", "status", "OPEN", "cause", "HTTP status 503",
                                "startedAt", clock.instant().toString(), "regions", List.of("local-a")))))
                .update();
    }

    List<Map<String, Object>> deliveries(UUID channel) {
        return jdbc.sql("""
                        SELECT id, event, status, attempts, reason, response_code FROM notification_deliveries
                        WHERE channel_id = ? ORDER BY created_at, event""")
                .param(channel).query().listOfRows();
    }

    @Override
    public void close() {
        dataSource.close();
        if (database != null) {
            database.close();
        }
    }
}
