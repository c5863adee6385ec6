package dev.vigil.common.check;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a DATABASE check may run: the api refuses anything else when the monitor is saved, and the probe checks again
 * before it sends (a job is data from a queue, not trusted code). The database's own read-only transaction is the
 * real guard for SQL; these rules keep a check to one statement so that nothing can end that transaction first.
 */
public final class ReadOnlyQueries {

    public static final int MAX_QUERY_LENGTH = 2000;
    public static final int MAX_REDIS_ARGUMENTS = 16;

    /** Statements that read; the read-only transaction refuses writes hidden inside them (a writing CTE, a function). */
    public static final Set<String> SQL_KEYWORDS = Set.of("SELECT", "WITH", "VALUES", "SHOW", "EXPLAIN", "TABLE");

    /** Redis commands that read (or only answer), never write, block or change the connection's state. */
    public static final Set<String> REDIS_COMMANDS = Set.of("PING", "ECHO", "GET", "EXISTS", "TTL", "PTTL", "TYPE",
            "STRLEN", "HGET", "HEXISTS", "HLEN", "LLEN", "LINDEX", "SCARD", "SISMEMBER", "ZCARD", "ZSCORE", "XLEN",
            "DBSIZE", "INFO", "TIME", "LASTSAVE", "ROLE");

    private static final Pattern FIRST_WORD = Pattern.compile("^\\s*([A-Za-z]+)");

    private ReadOnlyQueries() {
    }

    /** The statement to send: trimmed, one trailing semicolon dropped. */
    public static String sqlStatement(String query) {
        String trimmed = query.strip();
        return trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed;
    }

    /** Why {@code query} may not run as a SQL check, or null when it may. */
    public static String sqlProblem(String query) {
        if (query == null || query.isBlank()) {
            return "the query is empty";
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            return "the query is longer than " + MAX_QUERY_LENGTH + " characters";
        }
        String statement = sqlStatement(query);
        if (statement.indexOf(';') >= 0) {
            return "the query must be a single statement (no ';' inside it, not even in a string)";
        }
        Matcher first = FIRST_WORD.matcher(statement);
        if (!first.find() || !SQL_KEYWORDS.contains(first.group(1).toUpperCase(Locale.ROOT))) {
            return "the query must be a read-only statement starting with one of " + SQL_KEYWORDS.stream().sorted()
                    .toList();
        }
        return null;
    }

    /** The command's words (split on whitespace: no quoting). */
    public static List<String> redisArguments(String command) {
        String trimmed = command == null ? "" : command.strip();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
    }

    /** Why {@code command} may not run as a Redis check, or null when it may. */
    public static String redisProblem(String command) {
        List<String> arguments = redisArguments(command);
        if (arguments.isEmpty()) {
            return "the command is empty";
        }
        if (command.length() > MAX_QUERY_LENGTH) {
            return "the command is longer than " + MAX_QUERY_LENGTH + " characters";
        }
        if (arguments.size() > MAX_REDIS_ARGUMENTS) {
            return "the command has more than " + MAX_REDIS_ARGUMENTS + " words";
        }
        if (!REDIS_COMMANDS.contains(arguments.getFirst().toUpperCase(Locale.ROOT))) {
            return "the command must be a read-only one of " + REDIS_COMMANDS.stream().sorted().toList();
        }
        return null;
    }
}
