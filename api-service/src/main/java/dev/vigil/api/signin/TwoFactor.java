package dev.vigil.api.signin;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.recovery.RecoveryCodeGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.util.Utils;
import dev.vigil.api.apikey.ApiKeyIssuer;
import dev.vigil.api.web.StoredTime;
import dev.vigil.common.crypto.SealedColumns;
import dev.vigil.common.crypto.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Optional TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, what every authenticator app speaks) for the dashboard's
 * sign-in, with the codes and QR image of the {@code dev.samstevens.totp} library:
 * <ol>
 *   <li>enrolling keeps the new secret out of the database until a code from the app proves it was scanned;</li>
 *   <li>the secret is sealed at rest like channel secrets;</li>
 *   <li>a code is accepted one step either side of now (clock drift), and each step only once (a code seen over a
 *       shoulder or replayed is refused);</li>
 *   <li>ten recovery codes, shown once, stored as SHA-256 hashes (80 random bits each), each usable once.</li>
 * </ol>
 */
@Service
public class TwoFactor {

    private static final Logger log = LoggerFactory.getLogger(TwoFactor.class);
    private static final int PERIOD_SECONDS = 30;
    private static final int DIGITS = 6;
    private static final int RECOVERY_CODES = 10;

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final Clock clock;
    private final CodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);
    private final DefaultSecretGenerator secrets = new DefaultSecretGenerator();
    private final RecoveryCodeGenerator recoveryCodes = new RecoveryCodeGenerator();

    TwoFactor(JdbcClient jdbc, SecretBox box, Clock clock) {
        this.jdbc = jdbc;
        this.box = box;
        this.clock = clock;
    }

    /** A fresh secret (base32) for enrolment; kept in the person's session until they confirm it. */
    public String newSecret() {
        return secrets.generate();
    }

    /** The otpauth URI, for apps that take it as text. */
    public String otpauthUri(String secret, String email) {
        return qrData(secret, email).getUri();
    }

    /** The QR code of the secret as a {@code data:} image the dashboard's CSP allows. */
    public String qrImage(String secret, String email) {
        ZxingPngQrGenerator generator = new ZxingPngQrGenerator();
        try {
            return Utils.getDataUriForImage(generator.generate(qrData(secret, email)), generator.getImageMimeType());
        } catch (QrGenerationException e) {
            throw new IllegalStateException("QR code generation failed", e);
        }
    }

    @Transactional(readOnly = true)
    public boolean isEnabled(UUID userId) {
        return jdbc.sql("SELECT totp_enabled_at IS NOT NULL FROM users WHERE id = ?").param(userId)
                .query(Boolean.class).optional().orElse(false);
    }

    /**
     * Turns two-factor sign-in on once {@code code} proves the app holds {@code secret}; answers the recovery codes
     * (their only copy), or empty when the code is wrong.
     */
    @Transactional
    public Optional<List<String>> enable(UUID userId, String secret, String code) {
        long step = currentStep();
        Optional<Long> matched = matchingStep(secret, code, step, Long.MIN_VALUE);
        if (matched.isEmpty()) {
            return Optional.empty();
        }
        jdbc.sql("UPDATE users SET totp_secret = ?, totp_enabled_at = ?, totp_last_step = ? WHERE id = ?")
                .params(box.seal(secret, SealedColumns.userTotpSecret(userId)), Timestamp.from(StoredTime.now(clock)), matched.get(), userId).update();
        List<String> recovery = List.of(recoveryCodes.generateCodes(RECOVERY_CODES));
        jdbc.sql("DELETE FROM user_recovery_codes WHERE user_id = ?").param(userId).update();
        for (String recoveryCode : recovery) {
            jdbc.sql("INSERT INTO user_recovery_codes (user_id, code_hash) VALUES (?, ?)")
                    .params(userId, hash(recoveryCode)).update();
        }
        log.info("two-factor enabled user={}", userId);
        return Optional.of(recovery);
    }

    /** Turns it off (the caller has checked the password and a code). */
    @Transactional
    public void disable(UUID userId) {
        jdbc.sql("UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = ?")
                .param(userId).update();
        jdbc.sql("DELETE FROM user_recovery_codes WHERE user_id = ?").param(userId).update();
        log.info("two-factor disabled user={}", userId);
    }

    /**
     * Whether {@code code} is a current TOTP code not used before, or an unused recovery code; either is used up by
     * this call. The step is recorded with a compare-and-set, so one code presented twice at once passes once.
     */
    @Transactional
    public boolean verify(UUID userId, String code) {
        String presented = code == null ? "" : code.strip();
        if (presented.matches("\\d{" + DIGITS + "}")) {
            return jdbc.sql("SELECT totp_secret, totp_last_step FROM users WHERE id = ? AND totp_enabled_at IS NOT NULL")
                    .param(userId)
                    .query((rs, row) -> new Enrolled(rs.getString(1), rs.getObject(2, Long.class))).optional()
                    .flatMap(enrolled -> matchingStep(box.open(enrolled.sealedSecret(),
                            SealedColumns.userTotpSecret(userId)), presented, currentStep(),
                            enrolled.lastStep() == null ? Long.MIN_VALUE : enrolled.lastStep()))
                    .map(step -> jdbc.sql("""
                                    UPDATE users SET totp_last_step = ?
                                    WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)""")
                            .params(step, userId, step).update() == 1)
                    .orElse(false);
        }
        boolean used = jdbc.sql("""
                        UPDATE user_recovery_codes SET used_at = ?
                        WHERE user_id = ? AND code_hash = ? AND used_at IS NULL""")
                .params(Timestamp.from(StoredTime.now(clock)), userId, hash(presented.toLowerCase(Locale.ROOT)))
                .update() == 1;
        if (used) {
            log.info("recovery code used user={}", userId);
        }
        return used;
    }

    /** Unused recovery codes left. */
    @Transactional(readOnly = true)
    public int recoveryCodesLeft(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM user_recovery_codes WHERE user_id = ? AND used_at IS NULL")
                .param(userId).query(Integer.class).single();
    }

    /** The step of now, one before or one after whose code matches and comes after {@code lastUsed}. */
    private Optional<Long> matchingStep(String secret, String code, long step, long lastUsed) {
        if (secret == null || code == null || !code.strip().matches("\\d{" + DIGITS + "}")) {
            return Optional.empty();
        }
        byte[] presented = code.strip().getBytes(StandardCharsets.US_ASCII);
        for (long candidate = step - 1; candidate <= step + 1; candidate++) {
            if (candidate <= lastUsed) {
                continue;
            }
            try {
                byte[] expected = codes.generate(secret, candidate).getBytes(StandardCharsets.US_ASCII);
                if (MessageDigest.isEqual(expected, presented)) {
                    return Optional.of(candidate);
                }
            } catch (CodeGenerationException e) {
                throw new IllegalStateException("TOTP code generation failed", e);
            }
        }
        return Optional.empty();
    }

    /** A person's stored enrolment: the sealed secret and the last time step a code was accepted for. */
    private record Enrolled(String sealedSecret, Long lastStep) {
    }

    private long currentStep() {
        return Instant.now(clock).getEpochSecond() / PERIOD_SECONDS;
    }

    private static QrData qrData(String secret, String email) {
        return new QrData.Builder().label(email).secret(secret).issuer("Vigil").algorithm(HashingAlgorithm.SHA1)
                .digits(DIGITS).period(PERIOD_SECONDS).build();
    }

    private static byte[] hash(String recoveryCode) {
        return ApiKeyIssuer.hash(recoveryCode);
    }
}
