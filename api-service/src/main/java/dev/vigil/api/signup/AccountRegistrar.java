package dev.vigil.api.signup;

import dev.vigil.api.account.Membership;
import dev.vigil.api.account.MembershipRepository;
import dev.vigil.api.account.UserAccount;
import dev.vigil.api.account.UserAccountRepository;
import dev.vigil.api.account.Workspace;
import dev.vigil.api.account.WorkspaceRepository;
import dev.vigil.api.apikey.ApiKeyIssuer;
import dev.vigil.api.audit.Actor;
import dev.vigil.api.audit.AuditLog;
import dev.vigil.api.identity.Role;
import dev.vigil.api.verification.EmailVerifications;
import dev.vigil.api.web.StoredTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-up: a user, their workspace with them as owner, and a first API key, in one transaction, and a link mailed to
 * the address to prove it (until then the account joins no other workspace and receives no alerts).
 */
@Service
public class AccountRegistrar {

    private static final Logger log = LoggerFactory.getLogger(AccountRegistrar.class);

    private final UserAccountRepository users;
    private final WorkspaceRepository workspaces;
    private final MembershipRepository memberships;
    private final ApiKeyIssuer keys;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final EmailVerifications verifications;
    private final Clock clock;

    public AccountRegistrar(UserAccountRepository users, WorkspaceRepository workspaces,
                            MembershipRepository memberships, ApiKeyIssuer keys, PasswordEncoder passwords,
                            AuditLog audit, EmailVerifications verifications, Clock clock) {
        this.users = users;
        this.workspaces = workspaces;
        this.memberships = memberships;
        this.keys = keys;
        this.passwords = passwords;
        this.audit = audit;
        this.verifications = verifications;
        this.clock = clock;
    }

    @Transactional
    public SignupResponse register(SignupRequest request) {
        String email = request.email().trim();
        if (users.findByEmail(email).isPresent()) {
            throw new EmailAlreadyRegisteredException();
        }
        Instant now = StoredTime.now(clock);
        try {
            UserAccount user = users.saveAndFlush(new UserAccount(email, passwords.encode(request.password()), now));
            Workspace workspace = workspaces.saveAndFlush(new Workspace(request.workspace().strip(), now));
            memberships.save(new Membership(workspace.getId(), user.getId(), Role.OWNER, now));
            Actor actor = Actor.user(user.getId(), email);
            audit.record(workspace.getId(), actor, "workspace.created", "WORKSPACE", workspace.getId(),
                    Map.of("name", workspace.getName()));
            ApiKeyIssuer.IssuedApiKey key = keys.issue(workspace.getId(), user.getId(), "Default key", Role.OWNER,
                    actor);
            verifications.start(user);
            log.info("signup workspace={} user={}", workspace.getId(), user.getId());
            return SignupResponse.pendingVerification(workspace.getId(), key.plaintext());
        } catch (DataIntegrityViolationException e) {
            // Two sign-ups with one email at the same moment: the unique index decides, the loser gets 409.
            throw new EmailAlreadyRegisteredException();
        }
    }
}
