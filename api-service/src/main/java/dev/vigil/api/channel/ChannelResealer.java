package dev.vigil.api.channel;

import dev.vigil.common.crypto.SealedColumns;
import dev.vigil.common.crypto.SecretBox;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals every channel configuration again with the current key and its row binding, so a rotated-out key can be
 * dropped and values written before bindings existed stop being movable between rows. It runs once at start-up, in
 * the background; every write seals with the current key anyway.
 *
 * <p>A batch at a time, in id order, each row locked with {@code FOR UPDATE SKIP LOCKED}: a PUT holding a channel's
 * row (which seals it afresh itself) is skipped rather than overwritten with the configuration it is replacing, and
 * two api instances starting together share the work instead of doing it twice.
 */
@Component
class ChannelResealer {

    private static final Logger log = LoggerFactory.getLogger(ChannelResealer.class);
    private static final int BATCH = 100;

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final TransactionTemplate transactions;

    ChannelResealer(JdbcClient jdbc, SecretBox box, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.box = box;
        this.transactions = transactions;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resealInTheBackground() {
        Thread.ofVirtual().name("channel-reseal").start(() -> {
            try {
                resealAll();
            } catch (RuntimeException e) {
                log.warn("resealing channel configurations stopped: {}", e.toString());
            }
        });
    }

    /** Reseals what is not current; answers how many rows were sealed again and how many could not be opened. */
    Outcome resealAll() {
        String current = "v2." + box.currentKeyId() + ".%";
        UUID after = new UUID(0, 0);  // the least uuid in PostgreSQL's (unsigned, bytewise) order
        int resealed = 0;
        int unreadable = 0;
        while (true) {
            UUID from = after;
            Outcome batch = transactions.execute(tx -> {
                List<Row> rows = jdbc.sql("""
                                SELECT id, config_sealed FROM alert_channels
                                WHERE config_sealed IS NOT NULL AND config_sealed NOT LIKE ? AND id > ?
                                ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""")
                        .params(current, from, BATCH)
                        .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("config_sealed")))
                        .list();
                int done = 0;
                int failed = 0;
                UUID last = from;
                for (Row row : rows) {
                    last = row.id();
                    String place = SealedColumns.alertChannelConfig(row.id());
                    try {
                        String plain = box.open(row.sealed(), place);
                        jdbc.sql("UPDATE alert_channels SET config_sealed = ? WHERE id = ?")
                                .params(box.seal(plain, place), row.id()).update();
                        done++;
                    } catch (IllegalArgumentException e) {
                        failed++;
                        log.warn("channel={} configuration cannot be opened with this service's keys: left as it is",
                                row.id());
                    }
                }
                return new Outcome(done, failed, rows.size() < BATCH ? null : last);
            });
            resealed += batch.resealed();
            unreadable += batch.unreadable();
            if (batch.next() == null) {
                break;
            }
            after = batch.next();
        }
        if (resealed > 0 || unreadable > 0) {
            log.info("channel configurations resealed with key {}: {} done, {} unreadable", box.currentKeyId(),
                    resealed, unreadable);
        }
        return new Outcome(resealed, unreadable, null);
    }

    private record Row(UUID id, String sealed) {
    }

    /** @param next the id to continue after, null when done */
    record Outcome(int resealed, int unreadable, UUID next) {
    }
}
