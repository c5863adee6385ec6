package dev.vigil.probe.check.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The first value a SQL statement answers, clipped: a check shows it, it does not copy data out. */
final class SqlValues {

    static final int MAX_VALUE_LENGTH = 1000;

    private SqlValues() {
    }

    /** Runs {@code query} and returns the first column of its first row, the update count, or null for nothing. */
    static String firstValue(Statement statement, String query) throws SQLException {
        if (!statement.execute(query)) {
            return null;
        }
        try (ResultSet rows = statement.getResultSet()) {
            if (!rows.next()) {
                return null;
            }
            String value = rows.getString(1);
            return value == null || value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH);
        }
    }
}
