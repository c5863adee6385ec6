package dev.vigil.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service's connections plan every statement for its own values: a generic plan of a prepared list query, made
 * for "any tag" or "any search", walked a whole 100,000-monitor workspace for a small tag and read the whole trigram
 * index for a one-letter search (bench/api-scale).
 */
@ApiServiceTest
class StatementPlanningIT {

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyConnectionPlansStatementsForTheirValues() {
        assertThat(jdbc.sql("SHOW plan_cache_mode").query(String.class).single()).isEqualTo("force_custom_plan");
    }
}
