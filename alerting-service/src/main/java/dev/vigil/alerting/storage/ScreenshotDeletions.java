package dev.vigil.alerting.storage;

import dev.vigil.common.artifact.ScreenshotStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes the stored screenshots whose rows are gone. A trigger on {@code check_artifacts} (V56_1) queues the key of
 * every deleted row that had one in {@code screenshot_deletions}, in the deleting transaction: retention, a monitor's
 * deletion and a workspace's (both by {@code ON DELETE CASCADE}) all end up here, and a crash loses no key. This
 * drains the queue a page at a time: each object is deleted, then its entry; an object the store refuses keeps its
 * entry for the next run. An instance without a configured store leaves the queue alone: it cannot reach the
 * objects, and an instance that can (during a rolling change of {@code vigil.artifacts.store}, or another test
 * context on the same database) must still find every key.
 */
@Component
class ScreenshotDeletions {

    private static final Logger log = LoggerFactory.getLogger(ScreenshotDeletions.class);
    private static final int PAGE = 100;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ScreenshotStore store;
    private final MeterRegistry meters;

    ScreenshotDeletions(JdbcClient jdbc, PlatformTransactionManager transactionManager,
                        ObjectProvider<ScreenshotStore> store, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.store = store.getIfAvailable();
        this.meters = meters;
    }

    @Scheduled(initialDelayString = "${vigil.storage.screenshot-deletion-interval:PT1M}",
            fixedDelayString = "${vigil.storage.screenshot-deletion-interval:PT1M}")
    void drainScheduled() {
        try {
            drain();
        } catch (RuntimeException e) {
            log.warn("deleting stored screenshots failed; will retry: {}", e.toString());
        }
    }

    /** Drains the queue until it is empty or the store refuses a delete; answers the objects deleted. */
    int drain() {
        if (store == null) {
            return 0;
        }
        int deleted = 0;
        while (true) {
            Integer page = transactions.execute(status -> drainPage());
            if (page == null || page < 0) {
                return deleted + (page == null ? 0 : -page - 1);
            }
            if (page == 0) {
                return deleted;
            }
            deleted += page;
        }
    }

    /**
     * One page, in one transaction: the rows are claimed with {@code FOR UPDATE SKIP LOCKED} so two alerting instances
     * never delete the same objects at once (nor wait on each other); an entry leaves the queue only in the
     * transaction that saw its object deleted. Answers the count deleted, or {@code -(count + 1)} when the store
     * refused one and the drain must stop until the next run.
     */
    private int drainPage() {
        List<String> keys = jdbc.sql("""
                        SELECT key FROM screenshot_deletions ORDER BY queued_at LIMIT ? FOR UPDATE SKIP LOCKED""")
                .param(PAGE).query(String.class).list();
        int done = 0;
        for (String key : keys) {
            try {
                store.delete(key);
            } catch (RuntimeException e) {
                log.warn("deleting stored screenshots stopped: the object store refused key={} error={}", key,
                        e.toString());
                meters.counter("vigil.screenshots.deleted", "outcome", "refused").increment();
                return -(done + 1);
            }
            jdbc.sql("DELETE FROM screenshot_deletions WHERE key = ?").param(key).update();
            meters.counter("vigil.screenshots.deleted", "outcome", "deleted").increment();
            done++;
        }
        return done;
    }
}
