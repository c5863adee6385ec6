package dev.vigil.api.account;

import dev.vigil.api.apikey.ApiKeyIssuer;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Sign-up: a user, their workspace with them as owner, and a first API key, in one transaction. */
@Service
public class AccountRegistrar {

    private static final Logger log = LoggerFactory.getLogger(AccountRegistrar.class);

    private final UserAccountRepository users;
    private final WorkspaceRepository workspaces;
    private final MembershipRepository memberships;
    private final ApiKeyIssuer keys;
    private final PasswordEncoder passwords;
    private final Clock clock;

    public AccountRegistrar(UserAccountRepository users, WorkspaceRepository workspaces,
                            MembershipRepository memberships, ApiKeyIssuer keys, PasswordEncoder passwords,
                            Clock clock) {
        this.users = users;
        this.workspaces = workspaces;
        this.memberships = memberships;
        this.keys = keys;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Transactional
    public SignupResponse register(SignupRequest request) {
        String email = request.email().trim();
        if (users.findByEmail(email).isPresent()) {
            throw new EmailAlreadyRegisteredException();
        }
        Instant now = clock.instant();
        try {
            UserAccount user = users.saveAndFlush(new UserAccount(email, passwords.encode(request.password()), now));
            Workspace workspace = workspaces.save(new Workspace(request.workspace().trim(), now));
            memberships.save(new Membership(workspace.getId(), user.getId(), Role.OWNER, now));
            ApiKeyIssuer.IssuedApiKey key = keys.issue(workspace.getId(), user.getId(), "Default key");
            log.info("signup workspace={} user={}", workspace.getId(), user.getId());
            return new SignupResponse(workspace.getId(), key.plaintext());
        } catch (DataIntegrityViolationException e) {
            // Two sign-ups with one email at the same moment: the unique index decides, the loser gets 409.
            throw new EmailAlreadyRegisteredException();
        }
    }
}
