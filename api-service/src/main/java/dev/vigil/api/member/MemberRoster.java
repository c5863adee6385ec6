package dev.vigil.api.member;

import dev.vigil.api.account.AccountRules;
import dev.vigil.api.account.Membership;
import dev.vigil.api.account.MembershipRepository;
import dev.vigil.api.identity.Role;
import dev.vigil.api.account.UserAccount;
import dev.vigil.api.account.UserAccountRepository;
import dev.vigil.api.account.WorkspaceLocks;
import dev.vigil.api.apikey.ApiKey;
import dev.vigil.api.apikey.ApiKeyRepository;
import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.ApiProperties;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.ForbiddenException;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.api.web.Paging;
import dev.vigil.api.web.StoredTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who belongs to a workspace, and the rules for changing it:
 * <ol>
 *   <li>only owners and admins change members (viewers are stopped by the security rules before this);</li>
 *   <li>an admin may not grant the owner role, nor change or remove an owner;</li>
 *   <li>a workspace always keeps at least one owner (checked under the workspace lock);</li>
 *   <li>a removed member's keys in the workspace are revoked with them.</li>
 * </ol>
 * A person with an account is added at once; a new address gets an account without a password and an invitation
 * token, which the inviter hands over.
 */
@Component
public class MemberRoster {

    private static final Logger log = LoggerFactory.getLogger(MemberRoster.class);
    private static final String MEMBER_COLUMNS = """
            SELECT m.user_id, u.email, m.role, m.created_at, u.password_hash IS NULL AS invited
            FROM workspace_members m JOIN users u ON u.id = m.user_id
            WHERE m.workspace_id = :workspace""";

    private final JdbcClient jdbc;
    private final MembershipRepository memberships;
    private final UserAccountRepository users;
    private final ApiKeyRepository keys;
    private final Invitations invitations;
    private final WorkspaceLocks locks;
    private final AuditLog audit;
    private final MemberProperties limits;
    private final ApiProperties api;
    private final Clock clock;

    MemberRoster(JdbcClient jdbc, MembershipRepository memberships, UserAccountRepository users, ApiKeyRepository keys,
                 Invitations invitations, WorkspaceLocks locks, AuditLog audit, MemberProperties limits,
                 ApiProperties api, Clock clock) {
        this.jdbc = jdbc;
        this.memberships = memberships;
        this.users = users;
        this.keys = keys;
        this.invitations = invitations;
        this.locks = locks;
        this.audit = audit;
        this.limits = limits;
        this.api = api;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Paging.Items<MemberView> list(UUID workspaceId, Paging paging) {
        long total = memberships.countMembers(workspaceId);
        List<MemberView> members = jdbc.sql(MEMBER_COLUMNS
                        + " ORDER BY m.created_at, m.user_id LIMIT :limit OFFSET :offset")
                .param("workspace", workspaceId).param("limit", paging.size()).param("offset", paging.offset())
                .query(MemberRoster::view).list();
        return paging.items(members, total);
    }

    @Transactional(readOnly = true)
    MemberView get(UUID workspaceId, UUID userId) {
        return find(workspaceId, userId).orElseThrow(() -> new NotFoundException("member"));
    }

    @Transactional
    public MemberView add(ApiPrincipal caller, MemberRequests.AddMember request) {
        FieldProblems problems = new FieldProblems();
        String email = AccountRules.email(problems, "email", request.email());
        Role role = role(problems, request.role());
        problems.throwIfAny();
        mayGrant(caller, role);
        locks.lock(caller.workspaceId());
        if (memberships.countMembers(caller.workspaceId()) >= limits.maxPerWorkspace()) {
            throw new ConflictException("Too many members", "This workspace has " + limits.maxPerWorkspace()
                    + " members, the most it may have; remove one first.");
        }
        Instant now = StoredTime.now(clock);
        UserAccount user = users.findByEmail(email)
                .orElseGet(() -> users.saveAndFlush(UserAccount.invited(email, now)));
        if (memberships.find(caller.workspaceId(), user.getId()).isPresent()) {
            throw new ConflictException("Already a member", user.getEmail() + " is already a member of this "
                    + "workspace; change their role instead.");
        }
        memberships.saveAndFlush(new Membership(caller.workspaceId(), user.getId(), role, now));
        MemberView member = get(caller.workspaceId(), user.getId());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("email", user.getEmail());
        summary.put("role", role.name());
        if (user.hasPassword()) {
            audit.record(caller.workspaceId(), Actor.of(caller), "member.added", "MEMBER", user.getId(), summary);
            log.info("member added workspace={} user={} role={}", caller.workspaceId(), user.getId(), role);
            return member;
        }
        Instant expiresAt = now.plus(limits.invitationTtl());
        String token = invitations.issue(caller.workspaceId(), user.getId(), caller.userId(), now, expiresAt);
        summary.put("expiresAt", expiresAt.toString());
        audit.record(caller.workspaceId(), Actor.of(caller), "member.invited", "MEMBER", user.getId(), summary);
        log.info("member invited workspace={} user={} role={}", caller.workspaceId(), user.getId(), role);
        return member.withInvitation(new MemberView.InvitationView(token, expiresAt,
                "POST " + api.link("/api/v1/invitations/accept") + " {\"token\",\"password\"}"));
    }

    @Transactional
    public MemberView changeRole(ApiPrincipal caller, UUID userId, MemberRequests.ChangeRole request) {
        Membership membership = memberships.find(caller.workspaceId(), userId)
                .orElseThrow(() -> new NotFoundException("member"));
        FieldProblems problems = new FieldProblems();
        Role role = role(problems, request.role());
        problems.throwIfAny();
        mayChange(caller, membership);
        mayGrant(caller, role);
        Role previous = membership.getRole();
        if (previous != role) {
            locks.lock(caller.workspaceId());
            keepAnOwner(caller.workspaceId(), membership, "demote");
            membership.changeRole(role);
            memberships.saveAndFlush(membership);
            audit.record(caller.workspaceId(), Actor.of(caller), "member.role_changed", "MEMBER", userId,
                    Map.of("email", emailOf(userId), "changes", Map.of("role",
                            Map.of("from", previous.name(), "to", role.name()))));
            log.info("member role changed workspace={} user={} from={} to={}", caller.workspaceId(), userId,
                    previous, role);
        }
        return get(caller.workspaceId(), userId);
    }

    @Transactional
    public void remove(ApiPrincipal caller, UUID userId) {
        Membership membership = memberships.find(caller.workspaceId(), userId)
                .orElseThrow(() -> new NotFoundException("member"));
        mayChange(caller, membership);
        locks.lock(caller.workspaceId());
        keepAnOwner(caller.workspaceId(), membership, "remove");
        Instant now = StoredTime.now(clock);
        List<ApiKey> theirKeys = keys.findByWorkspaceIdAndCreatedByAndRevokedAtIsNull(caller.workspaceId(), userId);
        theirKeys.forEach(key -> key.revoke(now));
        memberships.delete(membership);
        memberships.flush();
        audit.record(caller.workspaceId(), Actor.of(caller), "member.removed", "MEMBER", userId,
                Map.of("email", emailOf(userId), "role", membership.getRole().name(),
                        "keysRevoked", theirKeys.stream().map(ApiKey::getPrefix).toList()));
        log.info("member removed workspace={} user={} keysRevoked={}", caller.workspaceId(), userId,
                theirKeys.size());
    }

    private Optional<MemberView> find(UUID workspaceId, UUID userId) {
        return jdbc.sql(MEMBER_COLUMNS + " AND m.user_id = :user").param("workspace", workspaceId)
                .param("user", userId).query(MemberRoster::view).optional();
    }

    private String emailOf(UUID userId) {
        return users.findById(userId).map(UserAccount::getEmail).orElse("");
    }

    private static Role role(FieldProblems problems, String name) {
        if (name == null) {
            problems.add("role", "role is required: one of " + Arrays.toString(Role.values()));
            return null;
        }
        Role role = Role.fromName(name);
        if (role == null) {
            problems.add("role", "role must be one of " + Arrays.toString(Role.values()));
        }
        return role;
    }

    private static void mayGrant(ApiPrincipal caller, Role role) {
        if (!caller.role().atLeast(role)) {
            throw new ForbiddenException("Only an owner may make someone an owner.");
        }
    }

    private static void mayChange(ApiPrincipal caller, Membership membership) {
        if (!caller.role().atLeast(membership.getRole())) {
            throw new ForbiddenException("Only an owner may change or remove an owner.");
        }
    }

    /** Refuses to demote or remove the last owner; the caller holds the workspace lock. */
    private void keepAnOwner(UUID workspaceId, Membership membership, String verb) {
        if (membership.getRole() == Role.OWNER && memberships.countByRole(workspaceId, Role.OWNER) <= 1) {
            throw new ConflictException("Last owner", "A workspace needs at least one owner; make someone else an "
                    + "owner before you " + verb + " this one.");
        }
    }

    private static MemberView view(ResultSet rs, int row) throws SQLException {
        return new MemberView(rs.getObject("user_id", UUID.class), rs.getString("email"),
                Role.valueOf(rs.getString("role")), rs.getBoolean("invited") ? "INVITED" : "ACTIVE",
                rs.getTimestamp("created_at").toInstant(), null);
    }
}
