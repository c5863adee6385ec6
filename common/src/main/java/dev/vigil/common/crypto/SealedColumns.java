package dev.vigil.common.crypto;

import java.util.UUID;

/**
 * The places sealed values live, as {@link SecretBox} binds them: the writer and every reader of a column name the
 * same place, so both sides of the database boundary agree on the associated data.
 */
public final class SealedColumns {

    private SealedColumns() {
    }

    /** {@code alert_channels.config_sealed} of the channel {@code id}. */
    public static String alertChannelConfig(UUID id) {
        return "alert_channels.config_sealed/" + id;
    }

    /** {@code users.totp_secret} of the user {@code id}. */
    public static String userTotpSecret(UUID id) {
        return "users.totp_secret/" + id;
    }

    /** {@code status_page_subscribers.secret_sealed}: the signing secret of the webhook subscriber {@code id}. */
    public static String subscriberSecret(UUID id) {
        return "status_page_subscribers.secret_sealed/" + id;
    }

    /** {@code workspace_variables.value_sealed} of the variable {@code name} in workspace {@code workspaceId}. */
    public static String workspaceVariable(UUID workspaceId, String name) {
        return "workspace_variables.value_sealed/" + workspaceId + "/" + name;
    }
}
