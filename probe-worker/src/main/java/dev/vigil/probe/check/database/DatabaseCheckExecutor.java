package dev.vigil.probe.check.database;

import dev.vigil.common.check.DatabaseCheck;
import dev.vigil.common.check.DatabaseEngine;
import dev.vigil.common.check.MonitorType;
import dev.vigil.common.check.ReadOnlyQueries;
import dev.vigil.common.message.CheckJob;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.PhaseTimings;
import dev.vigil.common.net.TargetGuard;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.check.Failures;
import dev.vigil.probe.check.Stopwatch;
import dev.vigil.probe.check.TypedCheckExecutor;
import dev.vigil.probe.check.assertion.TextPattern;
import dev.vigil.probe.check.http.JobSecrets;
import dev.vigil.probe.check.http.WorkspaceVariables;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A DATABASE check, in four steps: (1) the query is checked again to be one read-only statement or command (a job is
 * data, not trusted); (2) the credentials' workspace variables are opened; (3) the host is resolved once through the
 * guard and the client is given the vetted address; (4) the client logs in and runs the query, and the answer's first
 * value is matched against {@code expect}. Every message is stripped of the opened credentials before it leaves.
 */
@Component
class DatabaseCheckExecutor extends TypedCheckExecutor<DatabaseCheck> {

    private static final int SHOWN_CHARS = 120;

    private final TargetGuard guard;
    private final WorkspaceVariables variables;
    private final Map<DatabaseEngine, DatabaseClient> clients = new EnumMap<>(DatabaseEngine.class);

    DatabaseCheckExecutor(TargetGuard guard, WorkspaceVariables variables) {
        super(MonitorType.DATABASE, DatabaseCheck.class);
        this.guard = guard;
        this.variables = variables;
        for (DatabaseClient client : List.of(new PostgresClient(), new MysqlClient(), new RedisClient())) {
            clients.put(client.engine(), client);
        }
    }

    @Override
    protected CheckOutcome run(CheckJob job, DatabaseCheck check, Stopwatch stopwatch) {
        JobSecrets secrets = new JobSecrets(job, variables);
        CheckOutcome outcome = probe(job, check, secrets, stopwatch);
        String redacted = secrets.redact(outcome.message());
        return redacted == null || redacted.equals(outcome.message()) ? outcome
                : new CheckOutcome(outcome.ok(), outcome.degraded(), outcome.latencyMs(), outcome.timings(), null,
                outcome.error(), redacted, List.of(), List.of(), null, null);
    }

    private CheckOutcome probe(CheckJob job, DatabaseCheck check, JobSecrets secrets, Stopwatch stopwatch) {
        DatabaseClient client = check.engine() == null ? null : clients.get(check.engine());
        if (client == null) {
            return CheckOutcome.failed(ErrorKind.INTERNAL, "unknown database engine " + check.engine(), 0);
        }
        String query = check.query() == null || check.query().isBlank() ? null : check.query();
        if (query != null) {
            String problem = check.engine() == DatabaseEngine.REDIS ? ReadOnlyQueries.redisProblem(query)
                    : ReadOnlyQueries.sqlProblem(query);
            if (problem != null) {
                return CheckOutcome.failed(ErrorKind.ASSERTION, "query refused: " + problem, 0);
            }
            if (check.engine() != DatabaseEngine.REDIS) {
                query = ReadOnlyQueries.sqlStatement(query);
            }
        }
        TextPattern expected;
        String username;
        String password;
        try {
            expected = check.expect() == null || check.expect().isEmpty() ? null : TextPattern.compile(check.expect());
            username = secrets.fill(check.username());
            password = secrets.fill(check.password());
        } catch (TextPattern.Refused | JobSecrets.Missing e) {
            return CheckOutcome.failed(ErrorKind.ASSERTION, e.getMessage(), stopwatch.elapsedMs());
        }
        long deadline = System.nanoTime() + job.timeoutMs() * 1_000_000L;
        InetAddress address;
        try {
            address = guard.resolve(check.host()).getFirst();
        } catch (UnknownHostException e) {
            Failures.Failure failure = Failures.classify(e, check.host(), job.timeoutMs());
            return CheckOutcome.failed(failure.kind(), failure.message(), stopwatch.elapsedMs());
        }
        long dnsMs = stopwatch.elapsedMs();
        DatabaseAnswer answer;
        try {
            answer = client.probe(new DatabaseTarget(address, check.port(), check.database(), username, password,
                    deadline), query);
        } catch (SQLException e) {
            return DatabaseFailures.sql(e, check, job.timeoutMs(), stopwatch.elapsedMs(), dnsMs);
        } catch (RedisClient.Refused e) {
            return CheckOutcome.failed(ErrorKind.ASSERTION, "Redis refused: " + e.getMessage(), stopwatch.elapsedMs(),
                    new PhaseTimings(dnsMs, null, null, null));
        } catch (IOException e) {
            Failures.Failure failure = Failures.classify(e, check.host() + ":" + check.port(), job.timeoutMs());
            return CheckOutcome.failed(failure.kind(), failure.message(), stopwatch.elapsedMs(),
                    new PhaseTimings(dnsMs, null, null, null));
        } catch (Exception e) {
            return CheckOutcome.failed(ErrorKind.CONNECTION, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    stopwatch.elapsedMs(), new PhaseTimings(dnsMs, null, null, null));
        }
        return judged(job, check, query, expected, answer, dnsMs, stopwatch.elapsedMs());
    }

    private static CheckOutcome judged(CheckJob job, DatabaseCheck check, String query, TextPattern expected,
                                       DatabaseAnswer answer, long dnsMs, long latency) {
        PhaseTimings timings = new PhaseTimings(dnsMs, answer.loginMs(), null, answer.queryMs());
        String seen = answer.value() == null ? "no value" : "first value " + shown(answer.value());
        String what = query == null ? answer.server() + ": logged in in " + answer.loginMs() + " ms"
                : answer.server() + ": query answered in " + answer.queryMs() + " ms, " + seen;
        if (expected != null) {
            try {
                if (!expected.foundIn(answer.value() == null ? "" : answer.value())) {
                    return CheckOutcome.failed(ErrorKind.ASSERTION, "the answer does not match /" + expected + "/: "
                            + seen, latency, timings);
                }
            } catch (TextPattern.Refused e) {
                return CheckOutcome.failed(ErrorKind.ASSERTION, e.getMessage(), latency, timings);
            }
        }
        return CheckOutcome.up(job, latency, timings, what);
    }

    static String shown(String value) {
        String line = value.replaceAll("\\s+", " ").strip();
        return "\"" + (line.length() > SHOWN_CHARS ? line.substring(0, SHOWN_CHARS) + "…" : line) + "\"";
    }
}
