package dev.vigil.api.monitor;

import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the monitor list's filter statements planned for their own values ({@code plan_cache_mode =
 * force_custom_plan}, for the transaction, restored after them). After five runs PostgreSQL may keep a prepared
 * statement's generic plan, made for "any tag" or "any search": for a tag on 500 of 100,000 monitors it walked the
 * workspace in name order, for a one-letter search it read the whole trigram index (bench/api-scale). Every other
 * statement of the service keeps PostgreSQL's own choice: planned anew each time, the twenty statements of a
 * dashboard page spent more time being planned than run (about 3 ms a page, bench/README.md).
 */
@Component
class CustomPlans {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    CustomPlans(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setReadOnly(true);
    }

    /**
     * {@code statements} run with custom plans, in the caller's transaction or a read-only one of their own (a
     * setting for the transaction needs one). If they fail, the setting stays until that transaction ends.
     */
    <T> T run(Supplier<T> statements) {
        return transaction.execute(status -> {
            jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
            T result = statements.get();
            jdbc.sql("SET LOCAL plan_cache_mode = DEFAULT").update();
            return result;
        });
    }
}
