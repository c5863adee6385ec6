package dev.vigil.api.support;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fingerprint of everything a workspace holds (its row, members, keys, invitations, monitors, channel links, tags,
 * groups, audit entries), to show that a refused request changed nothing. Key use times are left out: using a key is
 * not a change.
 */
public final class WorkspaceState {

    private WorkspaceState() {
    }

    /** How many accounts exist (sign-ups and invitations create them). */
    public static long users(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
    }

    public static String fingerprint(JdbcClient jdbc, UUID workspaceId) {
        return jdbc.sql("""
                        SELECT md5(concat_ws('|',
                            (SELECT string_agg(w::text, ',') FROM workspaces w WHERE id = :w),
                            (SELECT string_agg(m::text, ',' ORDER BY user_id) FROM workspace_members m
                             WHERE workspace_id = :w),
                            (SELECT string_agg(concat_ws(';', id, name, role, prefix, revoked_at), ',' ORDER BY id)
                             FROM api_keys WHERE workspace_id = :w),
                            (SELECT count(*) FROM workspace_invitations WHERE workspace_id = :w),
                            (SELECT string_agg(m::text, ',' ORDER BY id) FROM monitors m WHERE workspace_id = :w),
                            (SELECT string_agg(l::text, ',' ORDER BY monitor_id, channel_id)
                             FROM monitor_alert_channels l WHERE workspace_id = :w),
                            (SELECT string_agg(concat_ws(';', id, name, type, config_sealed, is_default), ','
                                               ORDER BY id) FROM alert_channels WHERE workspace_id = :w),
                            (SELECT count(*) FROM notification_outbox WHERE workspace_id = :w),
                            (SELECT string_agg(t::text, ',' ORDER BY id) FROM tags t WHERE workspace_id = :w),
                            (SELECT string_agg(l::text, ',' ORDER BY monitor_id, tag_id) FROM monitor_tags l
                             WHERE workspace_id = :w),
                            (SELECT string_agg(g::text, ',' ORDER BY id) FROM monitor_groups g
                             WHERE workspace_id = :w),
                            (SELECT string_agg(r::text, ',' ORDER BY id) FROM oncall_rotations r
                             WHERE workspace_id = :w),
                            (SELECT string_agg(o::text, ',' ORDER BY id) FROM oncall_overrides o
                             WHERE workspace_id = :w),
                            (SELECT string_agg(c::text, ',' ORDER BY user_id) FROM oncall_contacts c
                             WHERE workspace_id = :w),
                            (SELECT count(*) FROM audit_events WHERE workspace_id = :w)))""")
                .param("w", workspaceId)
                .query(String.class).single();
    }
}
