package dev.vigil.api.member;

import dev.vigil.api.account.AccountRules;
import dev.vigil.api.account.Membership;
import dev.vigil.api.account.MembershipRepository;
import dev.vigil.api.identity.Role;
import dev.vigil.api.account.UserAccount;
import dev.vigil.api.account.UserAccountRepository;
import dev.vigil.api.account.Workspace;
import dev.vigil.api.account.WorkspaceLocks;
import dev.vigil.api.account.WorkspaceRepository;
import dev.vigil.api.apikey.ApiKey;
import dev.vigil.api.apikey.ApiKeyRepository;
import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.verification.AccountMailer;
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
 *   <li>a removed member's keys in the workspace are revoked with them;</li>
 *   <li>nobody is added without consent: adding an address mails it an invitation, and the person joins only when
 *       they accept it (see {@link InvitationAcceptor}). Whether the address has an account is not even looked up,
 *       so the answer is the same for registered and unregistered addresses.</li>
 * </ol>
 */
@Component
public class MemberRoster {

    private static final Logger log = LoggerFactory.getLogger(MemberRoster.class);
    /** Members first, then pending invitations, each oldest first. */
    private static final String ROSTER = """
            SELECT * FROM (
                SELECT m.user_id AS id, u.email, m.role, m.created_at, 'ACTIVE' AS status, 0 AS kind
                FROM workspace_members m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = :workspace
                UNION ALL
                SELECT i.id, i.email, i.role, i.created_at, 'INVITED', 1
                FROM workspace_invitations i WHERE i.workspace_id = :workspace
            ) roster""";

    private final JdbcClient jdbc;
    private final MembershipRepository memberships;
    private final UserAccountRepository users;
    private final WorkspaceRepository workspaces;
    private final ApiKeyRepository keys;
    private final Invitations invitations;
    private final AccountMailer mailer;
    private final WorkspaceLocks locks;
    private final AuditLog audit;
    private final MemberProperties limits;
    private final ApiProperties api;
    private final Clock clock;

    MemberRoster(JdbcClient jdbc, MembershipRepository memberships, UserAccountRepository users,
                 WorkspaceRepository workspaces, ApiKeyRepository keys, Invitations invitations, AccountMailer mailer,
                 WorkspaceLocks locks, AuditLog audit, MemberProperties limits, ApiProperties api, Clock clock) {
        this.jdbc = jdbc;
        this.memberships = memberships;
        this.users = users;
        this.workspaces = workspaces;
        this.keys = keys;
        this.invitations = invitations;
        this.mailer = mailer;
        this.locks = locks;
        this.audit = audit;
        this.limits = limits;
        this.api = api;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Paging.Items<MemberView> list(UUID workspaceId, Paging paging) {
        long total = memberships.countMembers(workspaceId) + invitations.count(workspaceId);
        List<MemberView> members = jdbc.sql(ROSTER + " ORDER BY kind, created_at, id LIMIT :limit OFFSET :offset")
                .param("workspace", workspaceId).param("limit", paging.size()).param("offset", paging.offset())
                .query(MemberRoster::view).list();
        return paging.items(members, total);
    }

    @Transactional(readOnly = true)
    MemberView get(UUID workspaceId, UUID userId) {
        return find(workspaceId, userId).orElseThrow(() -> new NotFoundException("member"));
    }

    /** Invites an address (again: a new mail, the older link dies); 409 if it belongs to a member already. */
    @Transactional
    public MemberView add(ApiPrincipal caller, MemberRequests.AddMember request) {
        FieldProblems problems = new FieldProblems();
        String email = AccountRules.email(problems, "email", request.email());
        Role role = role(problems, request.role());
        problems.throwIfAny();
        mayGrant(caller, role);
        locks.lock(caller.workspaceId());
        boolean member = jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM workspace_members m JOIN users u ON u.id = m.user_id
                                       WHERE m.workspace_id = ? AND lower(u.email) = lower(?))""")
                .params(caller.workspaceId(), email).query(Boolean.class).single();
        if (member) {
            throw new ConflictException("Already a member", email + " is already a member of this workspace; "
                    + "change their role instead.");
        }
        boolean reinvite = jdbc.sql("SELECT EXISTS (SELECT 1 FROM workspace_invitations WHERE workspace_id = ? "
                        + "AND lower(email) = lower(?))")
                .params(caller.workspaceId(), email).query(Boolean.class).single();
        long count = memberships.countMembers(caller.workspaceId()) + invitations.count(caller.workspaceId());
        if (!reinvite && count >= limits.maxPerWorkspace()) {
            throw new ConflictException("Too many members", "This workspace has " + limits.maxPerWorkspace()
                    + " members, the most it may have; remove one first.");
        }
        Instant now = StoredTime.now(clock);
        Instant expiresAt = now.plus(limits.invitationTtl());
        Invitations.Pending invitation = new Invitations.Pending(UUID.randomUUID(), caller.workspaceId(), email,
                role, now, expiresAt);
        String token = invitations.issue(invitation, caller.userId());
        String workspaceName = workspaces.findById(caller.workspaceId()).map(Workspace::getName).orElse("");
        mailer.sendInvitation(email, workspaceName, emailOf(caller.userId()), role.name(),
                api.link("/invitation?token=" + token), expiresAt);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("email", email);
        summary.put("role", role.name());
        summary.put("expiresAt", expiresAt.toString());
        audit.record(caller.workspaceId(), Actor.of(caller), "member.invited", "MEMBER", invitation.id(), summary);
        log.info("member invited workspace={} invitation={} role={}", caller.workspaceId(), invitation.id(), role);
        return get(caller.workspaceId(), invitation.id())
                .withInvitation(new MemberView.InvitationView(expiresAt, "MAILED"));
    }

    @Transactional
    public MemberView changeRole(ApiPrincipal caller, UUID userId, MemberRequests.ChangeRole request) {
        Optional<Membership> found = memberships.find(caller.workspaceId(), userId);
        Optional<Invitations.Pending> invited = found.isPresent() ? Optional.empty()
                : invitations.find(caller.workspaceId(), userId);
        if (found.isEmpty() && invited.isEmpty()) {
            throw new NotFoundException("member");
        }
        FieldProblems problems = new FieldProblems();
        Role role = role(problems, request.role());
        problems.throwIfAny();
        Role previous = found.map(Membership::getRole).orElseGet(() -> invited.get().role());
        mayChange(caller, previous);
        mayGrant(caller, role);
        if (previous != role) {
            locks.lock(caller.workspaceId());
            if (found.isPresent()) {
                keepAnOwner(caller.workspaceId(), found.get(), "demote");
                found.get().changeRole(role);
                memberships.saveAndFlush(found.get());
            } else {
                invitations.changeRole(userId, role);
            }
            String email = found.isPresent() ? emailOf(userId) : invited.get().email();
            audit.record(caller.workspaceId(), Actor.of(caller), "member.role_changed", "MEMBER", userId,
                    Map.of("email", email, "changes", Map.of("role",
                            Map.of("from", previous.name(), "to", role.name()))));
            log.info("member role changed workspace={} user={} from={} to={}", caller.workspaceId(), userId,
                    previous, role);
        }
        return get(caller.workspaceId(), userId);
    }

    @Transactional
    public void remove(ApiPrincipal caller, UUID userId) {
        Optional<Membership> found = memberships.find(caller.workspaceId(), userId);
        if (found.isEmpty()) {
            Invitations.Pending invited = invitations.find(caller.workspaceId(), userId)
                    .orElseThrow(() -> new NotFoundException("member"));
            mayChange(caller, invited.role());
            invitations.delete(invited.id());
            audit.record(caller.workspaceId(), Actor.of(caller), "member.invitation_withdrawn", "MEMBER", userId,
                    Map.of("email", invited.email(), "role", invited.role().name()));
            log.info("invitation withdrawn workspace={} invitation={}", caller.workspaceId(), userId);
            return;
        }
        Membership membership = found.get();
        mayChange(caller, membership.getRole());
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
        return jdbc.sql(ROSTER + " WHERE id = :user").param("workspace", workspaceId)
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

    private static void mayChange(ApiPrincipal caller, Role current) {
        if (!caller.role().atLeast(current)) {
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
        return new MemberView(rs.getObject("id", UUID.class), rs.getString("email"),
                Role.valueOf(rs.getString("role")), rs.getString("status"),
                rs.getTimestamp("created_at").toInstant(), null);
    }
}
