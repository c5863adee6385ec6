package dev.vigil.api.escalation;

import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.api.web.StoredTime;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How each member is paged when an escalation level reaches them through a rotation: alert channels of the
 * workspace, of any type (their phone's ntfy topic, an SMS or voice channel, a Slack DM webhook), and/or their verified
 * email. A member without a contact is paged by email, as before contacts existed. Someone must be reachable: a
 * contact with no channel and email turned off is refused.
 */
@Service
public class OnCallContacts {

    static final int MAX_CHANNELS = 10;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    OnCallContacts(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** A member's contact; {@code byEmail} true and no channels when they never set one. */
    public record ContactView(String userId, String email, List<String> channelIds, boolean byEmail) {
    }

    /** Every member of the workspace with their contact, by email address. */
    @Transactional(readOnly = true)
    public List<ContactView> list(ApiPrincipal caller) {
        return jdbc.sql("""
                        SELECT m.user_id, u.email, c.channel_ids, coalesce(c.email, true) AS by_email
                        FROM workspace_members m JOIN users u ON u.id = m.user_id
                        LEFT JOIN oncall_contacts c ON c.workspace_id = m.workspace_id AND c.user_id = m.user_id
                        WHERE m.workspace_id = ? ORDER BY u.email""")
                .param(caller.workspaceId())
                .query((rs, n) -> {
                    Array channels = rs.getArray("channel_ids");
                    List<String> ids = channels == null ? List.of()
                            : Arrays.stream((UUID[]) channels.getArray()).map(UUID::toString).toList();
                    return new ContactView(rs.getObject("user_id", UUID.class).toString(), rs.getString("email"), ids,
                            rs.getBoolean("by_email"));
                })
                .list();
    }

    @Transactional(readOnly = true)
    public ContactView get(ApiPrincipal caller, UUID userId) {
        return list(caller).stream().filter(c -> c.userId().equals(userId.toString())).findFirst()
                .orElseThrow(() -> new NotFoundException("member"));
    }

    @Transactional
    public ContactView put(ApiPrincipal caller, UUID userId, EscalationRequests.Contact request) {
        get(caller, userId);
        FieldProblems problems = new FieldProblems();
        List<String> given = request.channelIds() == null ? List.of() : request.channelIds();
        boolean byEmail = request.byEmail() == null || request.byEmail();
        List<UUID> channels = new ArrayList<>();
        if (given.size() > MAX_CHANNELS) {
            problems.add("channelIds", "at most " + MAX_CHANNELS + " channels");
        } else {
            Set<UUID> workspaceChannels = new HashSet<>(jdbc.sql(
                            "SELECT id FROM alert_channels WHERE workspace_id = ?")
                    .param(caller.workspaceId()).query(UUID.class).list());
            for (int i = 0; i < given.size(); i++) {
                UUID id = EscalationRequests.uuid(given.get(i));
                if (id == null || !workspaceChannels.contains(id)) {
                    problems.add("channelIds[" + i + "]", "no such alert channel in this workspace");
                } else if (!channels.contains(id)) {
                    channels.add(id);
                }
            }
        }
        if (given.isEmpty() && !byEmail) {
            problems.add("channelIds", "choose at least one channel, or keep byEmail: nobody could page this member");
        }
        problems.throwIfAny();
        jdbc.sql("""
                        INSERT INTO oncall_contacts (workspace_id, user_id, channel_ids, email, updated_at)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (workspace_id, user_id) DO UPDATE SET channel_ids = EXCLUDED.channel_ids,
                                                                          email = EXCLUDED.email,
                                                                          updated_at = EXCLUDED.updated_at""")
                .params(caller.workspaceId(), userId, channels.toArray(UUID[]::new), byEmail,
                        Timestamp.from(StoredTime.now(clock)))
                .update();
        audit.record(caller.workspaceId(), Actor.of(caller), "oncall_contact.updated", "MEMBER", userId,
                Map.of("channels", channels.size(), "byEmail", byEmail));
        return get(caller, userId);
    }
}
