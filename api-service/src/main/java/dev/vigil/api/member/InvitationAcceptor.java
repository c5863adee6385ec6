package dev.vigil.api.member;

import dev.vigil.api.account.AccountRules;
import dev.vigil.api.account.Membership;
import dev.vigil.api.account.MembershipRepository;
import dev.vigil.api.signup.SignupResponse;
import dev.vigil.api.account.UserAccount;
import dev.vigil.api.account.UserAccountRepository;
import dev.vigil.api.apikey.ApiKeyIssuer;
import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.StoredTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepting an invitation: the invited person chooses their password and gets a first API key of the workspace that
 * invited them, with their member role. Every other invitation of theirs is dropped (they can now be added directly).
 */
@Component
class InvitationAcceptor {

    private static final Logger log = LoggerFactory.getLogger(InvitationAcceptor.class);

    private final Invitations invitations;
    private final UserAccountRepository users;
    private final MembershipRepository memberships;
    private final ApiKeyIssuer keys;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;

    InvitationAcceptor(Invitations invitations, UserAccountRepository users, MembershipRepository memberships,
                       ApiKeyIssuer keys, PasswordEncoder passwords, AuditLog audit, Clock clock) {
        this.invitations = invitations;
        this.users = users;
        this.memberships = memberships;
        this.keys = keys;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    SignupResponse accept(MemberRequests.AcceptInvitation request) {
        FieldProblems problems = new FieldProblems();
        String password = AccountRules.password(problems, "password", request.password());
        if (request.token() == null || request.token().isBlank()) {
            problems.add("token", "token is required");
        }
        problems.throwIfAny();
        Instant now = StoredTime.now(clock);
        Invitations.Invited invited = invitations.findValid(request.token().strip(), now).orElse(null);
        UserAccount user = invited == null ? null : users.findById(invited.userId()).orElse(null);
        Membership membership = invited == null ? null
                : memberships.find(invited.workspaceId(), invited.userId()).orElse(null);
        if (user == null || membership == null || user.hasPassword()) {
            problems.add("token", "this invitation is not valid: it may have expired, been used, or been withdrawn; "
                    + "ask for a new one");
            problems.throwIfAny();
        }
        user.choosePassword(passwords.encode(password));
        users.saveAndFlush(user);
        invitations.deleteAllOf(user.getId());
        Actor actor = Actor.user(user.getId(), user.getEmail());
        audit.record(invited.workspaceId(), actor, "member.joined", "MEMBER", user.getId(),
                Map.of("email", user.getEmail(), "role", membership.getRole().name()));
        ApiKeyIssuer.IssuedApiKey key = keys.issue(invited.workspaceId(), user.getId(), "Default key",
                membership.getRole(), actor);
        log.info("invitation accepted workspace={} user={}", invited.workspaceId(), user.getId());
        return new SignupResponse(invited.workspaceId(), key.plaintext());
    }
}
