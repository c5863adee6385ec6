package dev.vigil.alerting.ingest;

import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.CheckResult;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores the results of one-shot checks ({@code JobKind.ONE_SHOT}) in {@code one_shot_results}, where the api-service
 * waits for them; they never reach {@code check_results} or a monitor's state. Like {@link ResultWriter}, it trusts
 * no message: a result is stored only when its check exists, belongs to the workspace the result names and asked the
 * region the result comes from, so a forged or late answer (the check already answered and deleted) is dropped. One
 * region's answer is kept once (a redelivered job's second result is a duplicate).
 */
@Component
class OneShotResultWriter {

    private static final String ASKED = """
            SELECT EXISTS (SELECT 1 FROM one_shot_checks
                           WHERE id = :check AND workspace_id = :workspace AND :region = ANY (regions))""";
    private static final String STORE = """
            INSERT INTO one_shot_results (check_id, region, result) VALUES (:check, :region, CAST(:result AS jsonb))
            ON CONFLICT DO NOTHING""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    OneShotResultWriter(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Writes the one-shot results of a batch in one transaction; answers how many were new and which were dropped. */
    ResultWriter.Written write(List<CheckResult> results) {
        if (results.isEmpty()) {
            return new ResultWriter.Written(0, List.of());
        }
        ResultWriter.Written written = transactions.execute(status -> {
            int stored = 0;
            List<ResultWriter.Dropped> dropped = new ArrayList<>();
            for (CheckResult result : results) {
                boolean asked = Boolean.TRUE.equals(jdbc.sql(ASKED).param("check", result.monitorId())
                        .param("workspace", result.workspaceId()).param("region", result.region())
                        .query(Boolean.class).single());
                if (!asked) {
                    dropped.add(new ResultWriter.Dropped(result.monitorId(), result.workspaceId(), result.region()));
                    continue;
                }
                stored += jdbc.sql(STORE).param("check", result.monitorId()).param("region", result.region())
                        .param("result", storable(WireJson.write(result))).update();
            }
            return new ResultWriter.Written(stored, dropped);
        });
        return written == null ? new ResultWriter.Written(0, List.of()) : written;
    }

    /** PostgreSQL's jsonb cannot hold NUL (an escaped {@code \u0000}); a target's text may carry one. */
    private static String storable(String json) {
        return json.replace("\\u0000", "");
    }
}
