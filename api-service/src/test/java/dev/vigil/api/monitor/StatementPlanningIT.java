package dev.vigil.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monitor list's filter statements are planned for their own values: a generic plan of a prepared list query,
 * made for "any tag" or "any search", walked a whole 100,000-monitor workspace for a small tag and read the whole
 * trigram index for a one-letter search (bench/api-scale). Every other statement keeps PostgreSQL's choice: planning
 * each of a page's twenty statements anew cost more than running them.
 */
@ApiServiceTest
class StatementPlanningIT {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    CustomPlans plans;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theFiltersStatementsArePlannedForTheirValuesAndNothingElseIs() {
        assertThat(mode()).isEqualTo("auto");
        assertThat(plans.run(this::mode)).isEqualTo("force_custom_plan");

        // Inside a longer transaction (the dashboard's list): custom plans for the filter's statements only.
        String[] seen = new TransactionTemplate(transactions).execute(status -> new String[] {mode(),
                plans.run(this::mode), mode()});
        assertThat(seen).containsExactly("auto", "force_custom_plan", "auto");
    }

    private String mode() {
        return jdbc.sql("SHOW plan_cache_mode").query(String.class).single();
    }
}
