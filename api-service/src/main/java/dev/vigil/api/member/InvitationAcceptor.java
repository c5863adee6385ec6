package dev.vigil.api.member;

import dev.vigil.api.account.AccountRules;
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
import dev.vigil.api.signin.PasswordCheck;
import dev.vigil.api.signin.SignInLockedException;
import dev.vigil.api.signin.TwoFactor;
import dev.vigil.api.signup.SignupResponse;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.FieldProblems;
import dev.vigil.api.web.ForbiddenException;
import dev.vigil.api.web.StoredTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepting an invitation. The token came by mail, so whoever holds it holds the invited mailbox; joining also needs
 * the account of that address:
 * <ol>
 *   <li>an address without an account: the person creates it with the token (proven at once, by that mail);</li>
 *   <li>an address with an account: only that account joins, signed in to the dashboard or with its password
 *       through the API (behind the sign-in lock-out), and only once its address is verified: an account made
 *       with somebody else's address never joins their workspace;</li>
 *   <li>the invitation is used up, and the member gets the invited role.</li>
 * </ol>
 */
@Service
public class InvitationAcceptor {

    private static final Logger log = LoggerFactory.getLogger(InvitationAcceptor.class);
    static final String INVALID = "this invitation is not valid: it may have expired, been used, or been withdrawn; "
            + "ask for a new one";

    private final Invitations invitations;
    private final UserAccountRepository users;
    private final MembershipRepository memberships;
    private final WorkspaceRepository workspaces;
    private final ApiKeyIssuer keys;
    private final PasswordEncoder passwords;
    private final PasswordCheck passwordCheck;
    private final TwoFactor twoFactor;
    private final AuditLog audit;
    private final Clock clock;

    InvitationAcceptor(Invitations invitations, UserAccountRepository users, MembershipRepository memberships,
                       WorkspaceRepository workspaces, ApiKeyIssuer keys, PasswordEncoder passwords,
                       PasswordCheck passwordCheck, TwoFactor twoFactor, AuditLog audit, Clock clock) {
        this.invitations = invitations;
        this.users = users;
        this.memberships = memberships;
        this.workspaces = workspaces;
        this.keys = keys;
        this.passwords = passwords;
        this.passwordCheck = passwordCheck;
        this.twoFactor = twoFactor;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the invitation page shows. */
    public record InvitationDetails(String workspaceName, String email, Role role, Instant expiresAt,
                                    boolean addressRegistered) {
    }

    /** The invitation a token stands for, if it can still be accepted (shown to the token's holder only). */
    @Transactional(readOnly = true)
    public Optional<InvitationDetails> describe(String token) {
        return invitations.findValid(token, StoredTime.now(clock), false).map(i -> new InvitationDetails(
                workspaces.findById(i.workspaceId()).map(Workspace::getName).orElse(""), i.email(), i.role(),
                i.expiresAt(), users.findByEmail(i.email()).isPresent()));
    }

    /** The API's acceptance: a new account with {@code password}, or the existing account's password. */
    @Transactional
    SignupResponse accept(MemberRequests.AcceptInvitation request) {
        FieldProblems problems = new FieldProblems();
        String password = AccountRules.password(problems, "password", request.password());
        if (request.token() == null || request.token().isBlank()) {
            problems.add("token", "token is required");
        }
        problems.throwIfAny();
        Invitations.Pending invited = valid(request.token());
        UserAccount user = users.findByEmail(invited.email()).orElse(null);
        if (user == null) {
            user = createAccount(invited.email(), password);
        } else {
            switch (passwordCheck.check(invited.email(), password)) {
                case PasswordCheck.Outcome.Locked locked -> throw new SignInLockedException(locked.retryAfter());
                case PasswordCheck.Outcome.Failed failed -> {
                    problems.add("password", "an account with this address exists: give its password (or accept "
                            + "in the dashboard, signed in)");
                    problems.throwIfAny();
                }
                case PasswordCheck.Outcome.Passed passed -> user = passed.user();
            }
            if (twoFactor.isEnabled(user.getId())) {
                throw new ConflictException("Two-factor sign-in", "This account signs in with a second factor: "
                        + "accept the invitation in the dashboard, from the link in the mail.");
            }
        }
        join(invited, user);
        ApiKeyIssuer.IssuedApiKey key = keys.issue(invited.workspaceId(), user.getId(), "Default key",
                invited.role(), Actor.user(user.getId(), user.getEmail()));
        return SignupResponse.verified(invited.workspaceId(), key.plaintext());
    }

    /** The dashboard's acceptance by the signed-in person; answers the workspace joined. */
    @Transactional
    public UUID acceptAs(UUID userId, String token) {
        Invitations.Pending invited = valid(token);
        UserAccount user = users.findById(userId).orElseThrow(() -> new ForbiddenException("Sign in first."));
        if (!user.getEmail().equalsIgnoreCase(invited.email())) {
            throw new ForbiddenException("This invitation is for " + invited.email() + ", not for the account you "
                    + "are signed in with; sign out and sign in as " + invited.email() + ".");
        }
        join(invited, user);
        return invited.workspaceId();
    }

    /** The dashboard's acceptance by someone new: their account, proven by the mail, and the membership. */
    @Transactional
    public UserAccount register(String token, String newPassword) {
        FieldProblems problems = new FieldProblems();
        String password = AccountRules.password(problems, "password", newPassword);
        problems.throwIfAny();
        Invitations.Pending invited = valid(token);
        if (users.findByEmail(invited.email()).isPresent()) {
            throw new ConflictException("Account exists", "An account with this address exists: sign in to accept.");
        }
        UserAccount user = createAccount(invited.email(), password);
        join(invited, user);
        return user;
    }

    private Invitations.Pending valid(String token) {
        Invitations.Pending invited = invitations.findValid(token == null ? null : token.strip(),
                StoredTime.now(clock), true).orElse(null);
        if (invited == null) {
            FieldProblems problems = new FieldProblems();
            problems.add("token", INVALID);
            problems.throwIfAny();
        }
        return invited;
    }

    private UserAccount createAccount(String email, String password) {
        Instant now = StoredTime.now(clock);
        UserAccount user = new UserAccount(email, passwords.encode(password), now);
        // The invitation's link reached this mailbox: the address is proven.
        user.verifyEmail(now);
        return users.saveAndFlush(user);
    }

    private void join(Invitations.Pending invited, UserAccount user) {
        if (!user.isEmailVerified()) {
            throw new ForbiddenException("Verify your email address first: open the link mailed to "
                    + user.getEmail() + " when the account was made (or ask for a new one), then accept again.");
        }
        if (memberships.find(invited.workspaceId(), user.getId()).isPresent()) {
            invitations.delete(invited.id());
            throw new ConflictException("Already a member", "You are already a member of this workspace.");
        }
        Instant now = StoredTime.now(clock);
        memberships.saveAndFlush(new Membership(invited.workspaceId(), user.getId(), invited.role(), now));
        invitations.delete(invited.id());
        audit.record(invited.workspaceId(), Actor.user(user.getId(), user.getEmail()), "member.joined", "MEMBER",
                user.getId(), Map.of("email", user.getEmail(), "role", invited.role().name()));
        log.info("invitation accepted workspace={} user={}", invited.workspaceId(), user.getId());
    }
}
