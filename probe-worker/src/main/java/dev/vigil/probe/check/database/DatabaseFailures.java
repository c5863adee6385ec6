package dev.vigil.probe.check.database;

import dev.vigil.common.check.DatabaseCheck;
import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.PhaseTimings;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.check.Failures;
import java.io.IOException;
import java.sql.SQLException;

/**
 * What a driver's {@link SQLException} means for the person reading the alert, by its SQLSTATE class: a refused
 * login, a connection that never came up (then the network cause, classified like every other check's), a statement
 * cancelled by the time limit, a query that tried to write.
 */
final class DatabaseFailures {

    private DatabaseFailures() {
    }

    static CheckOutcome sql(SQLException error, DatabaseCheck check, long timeoutMs, long latency, long dnsMs) {
        PhaseTimings timings = new PhaseTimings(dnsMs, null, null, null);
        String state = error.getSQLState() == null ? "" : error.getSQLState();
        String text = firstLine(error.getMessage());
        IOException network = networkCause(error);
        if (state.startsWith("28") || error.getErrorCode() == 1045) {
            return CheckOutcome.failed(ErrorKind.ASSERTION, "login refused: " + text, latency, timings);
        }
        if (network != null) {
            Failures.Failure failure = Failures.classify(network, check.host() + ":" + check.port(), timeoutMs);
            return CheckOutcome.failed(failure.kind(), failure.message(), latency, timings);
        }
        if (state.equals("57014") || error.getErrorCode() == 1969 || error.getErrorCode() == 3024) {
            return CheckOutcome.failed(ErrorKind.TIMEOUT, "the query was cancelled at the check's time limit ("
                    + timeoutMs + " ms): " + text, latency, timings);
        }
        if (state.equals("25006") || error.getErrorCode() == 1792) {
            return CheckOutcome.failed(ErrorKind.ASSERTION, "the query tried to write in the read-only transaction: "
                    + text, latency, timings);
        }
        if (state.startsWith("08")) {
            return CheckOutcome.failed(ErrorKind.CONNECTION, "connection failed: " + text, latency, timings);
        }
        if (state.equals("3D000") || error.getErrorCode() == 1049) {
            return CheckOutcome.failed(ErrorKind.ASSERTION, "no such database: " + text, latency, timings);
        }
        return CheckOutcome.failed(ErrorKind.ASSERTION, "the query failed: " + text
                + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"), latency, timings);
    }

    private static IOException networkCause(Throwable error) {
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "(no message)";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }
}
