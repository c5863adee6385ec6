package dev.vigil.common.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which queries a DATABASE check may run. */
class ReadOnlyQueriesTests {

    @Test
    void readingStatementsPassWithOneTrailingSemicolonDropped() {
        assertThat(ReadOnlyQueries.sqlProblem("SELECT 1")).isNull();
        assertThat(ReadOnlyQueries.sqlProblem("  with x as (select 1) select * from x ;")).isNull();
        assertThat(ReadOnlyQueries.sqlProblem("SHOW server_version")).isNull();
        assertThat(ReadOnlyQueries.sqlStatement(" SELECT 1 ; ")).isEqualTo("SELECT 1");
    }

    @Test
    void writesAndSecondStatementsAreRefused() {
        assertThat(ReadOnlyQueries.sqlProblem("DELETE FROM t")).contains("read-only statement");
        assertThat(ReadOnlyQueries.sqlProblem("SELECT 1; COMMIT; DROP TABLE t")).contains("single statement");
        assertThat(ReadOnlyQueries.sqlProblem("/* hi */ SELECT 1")).contains("read-only statement");
        assertThat(ReadOnlyQueries.sqlProblem(" ")).isEqualTo("the query is empty");
        assertThat(ReadOnlyQueries.sqlProblem("SELECT '" + "x".repeat(3000) + "'")).contains("longer than");
    }

    @Test
    void redisAllowsReadCommandsOnly() {
        assertThat(ReadOnlyQueries.redisProblem("ping")).isNull();
        assertThat(ReadOnlyQueries.redisProblem("GET  deploy:version")).isNull();
        assertThat(ReadOnlyQueries.redisArguments(" GET  deploy:version ")).containsExactly("GET", "deploy:version");
        assertThat(ReadOnlyQueries.redisProblem("SET k v")).contains("read-only");
        assertThat(ReadOnlyQueries.redisProblem("FLUSHALL")).contains("read-only");
        assertThat(ReadOnlyQueries.redisProblem("CONFIG GET *")).contains("read-only");
        assertThat(ReadOnlyQueries.redisProblem("")).isEqualTo("the command is empty");
    }
}
