package dev.vigil.api.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import dev.vigil.common.channel.ChannelType;
import dev.vigil.common.crypto.SecretBox;
import dev.vigil.common.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sealed channel configurations are bound to their row and carry their key's id: a configuration moved into another
 * workspace's channel is refused, and a rotated key leaves every configuration readable while the re-sealer moves
 * them to the new key.
 */
@ApiServiceTest
class ChannelSecretsIT {

    private static final String HOOK = "https://93.184.215.14/hooks/";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private static String create(ApiClient api, String url) {
        ApiClient.Response created = api.post("/api/v1/alert-channels", Map.of("name", "hook", "type", "WEBHOOK",
                "config", Map.of("url", url, "secret", "a-webhook-secret-0123456789")));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().get("id").asString();
    }

    @Test
    void aConfigurationCopiedIntoAnotherWorkspacesChannelIsRefused() {
        ApiClient victim = new ApiClient(port).signUp();
        ApiClient attacker = new ApiClient(port).signUp();
        String victims = create(victim, HOOK + "victim?token=victim-token-0001");
        String attackers = create(attacker, HOOK + "attacker");

        // Whoever can write the table (a leaked backup restored, an injection) moves the victim's sealed secrets
        // into the attacker's channel, to read them through the API or have alerts sent with them.
        jdbc.sql("""
                        UPDATE alert_channels SET config_sealed = (SELECT config_sealed FROM alert_channels WHERE id = ?)
                        WHERE id = ?""").params(UUID.fromString(victims), UUID.fromString(attackers)).update();
        ApiClient.Response kept = attacker.put("/api/v1/alert-channels/" + attackers, Map.of("name", "hook",
                "type", "WEBHOOK"));

        assertThat(kept.status()).as("%s", kept).isEqualTo(409);
        assertThat(kept.isProblem()).isTrue();
        assertThat(kept.body()).doesNotContain("victim-token-0001");
        System.out.println("attack: copy a victim's sealed channel config into one's own channel row and keep it on "
                + "PUT -> " + kept.status() + ", refused");
        assertThat(victim.get("/api/v1/alert-channels/" + victims).status()).isEqualTo(200);
    }

    @Test
    void aRotatedKeyKeepsEveryConfigurationReadableAndTheResealerMovesThemToTheNewKey() throws Exception {
        try (TestDatabase database = TestDatabase.createMigrated()) {
            JdbcClient db = JdbcClient.create(database.dataSource());
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
            UUID workspace = UUID.randomUUID();
            db.sql("INSERT INTO workspaces (id, name) VALUES (?, 'Rotation')").param(workspace).update();
            byte[] oldKey = random32();
            String oldHex = HexFormat.of().formatHex(oldKey);
            String newHex = HexFormat.of().formatHex(random32());
            SecretBox before = SecretBox.ofKey(oldHex);

            UUID sealedBefore = UUID.randomUUID();
            new ChannelStore(db, before).insert(sealedBefore, workspace, "before", ChannelType.WEBHOOK,
                    Map.of("url", HOOK + "a", "secret", "secret-of-the-first-0001"), false, Instant.now());
            // A row from before key ids and bindings: base64 of nonce, ciphertext and tag.
            UUID legacy = UUID.randomUUID();
            db.sql("""
                            INSERT INTO alert_channels (id, workspace_id, name, type, config_sealed, config_view)
                            VALUES (?, ?, 'legacy', 'WEBHOOK', ?, '{}'::jsonb)""")
                    .params(legacy, workspace, legacySeal(oldKey, "{\"url\":\"" + HOOK + "b\",\"secret\":"
                            + "\"secret-of-the-legacy-01\"}")).update();
            String oldCiphertext = sealed(db, sealedBefore);

            SecretBox rotated = SecretBox.ofKeys(newHex, List.of(oldHex));
            ChannelStore store = new ChannelStore(db, rotated);
            assertThat(store.config(sealedBefore, workspace)).containsEntry("secret", "secret-of-the-first-0001");
            assertThat(store.config(legacy, workspace)).containsEntry("secret", "secret-of-the-legacy-01");

            ChannelResealer.Outcome outcome = new ChannelResealer(db, rotated, tx).resealAll();

            assertThat(outcome.resealed()).isEqualTo(2);
            assertThat(outcome.unreadable()).isZero();
            for (UUID id : List.of(sealedBefore, legacy)) {
                assertThat(sealed(db, id)).startsWith("v2." + rotated.currentKeyId() + ".");
            }
            SecretBox newOnly = SecretBox.ofKey(newHex);
            assertThat(new ChannelStore(db, newOnly).config(legacy, workspace))
                    .containsEntry("secret", "secret-of-the-legacy-01");
            assertThat(newOnly.isCurrent(oldCiphertext)).isFalse();
            assertThat(new ChannelResealer(db, rotated, tx).resealAll().resealed()).as("nothing left").isZero();

            UUID written = UUID.randomUUID();
            store.insert(written, workspace, "after", ChannelType.WEBHOOK,
                    Map.of("url", HOOK + "c", "secret", "secret-of-the-third-0001"), false, Instant.now());
            assertThat(sealed(db, written)).startsWith("v2." + rotated.currentKeyId() + ".");
            System.out.printf("key rotation: %d configurations resealed from key %s to %s, new writes use %s%n",
                    outcome.resealed(), before.currentKeyId(), rotated.currentKeyId(), rotated.currentKeyId());
        }
    }

    private static String sealed(JdbcClient db, UUID id) {
        return db.sql("SELECT config_sealed FROM alert_channels WHERE id = ?").param(id).query(String.class).single();
    }

    private static byte[] random32() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static String legacySeal(byte[] key, String plaintext) throws Exception {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] out = Arrays.copyOf(nonce, 12 + sealed.length);
        System.arraycopy(sealed, 0, out, 12, sealed.length);
        return Base64.getEncoder().encodeToString(out);
    }
}
