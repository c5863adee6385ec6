package dev.vigil.api.dashboard;

import dev.vigil.api.account.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/** Puts a person's sign-in into their session, as a form login would: a fresh session id first (no fixation). */
@Component
class SessionSignIn {

    private final SecurityContextRepository contexts;

    SessionSignIn(SecurityContextRepository dashboardSecurityContexts) {
        this.contexts = dashboardSecurityContexts;
    }

    void signIn(UserAccount user, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        SignedInUser principal = new SignedInUser(user.getId(), user.getEmail(), user.getSessionEpoch());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                principal.getAuthorities()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    /** The person signed in to this request, if any. */
    static Optional<SignedInUser> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof SignedInUser user ? Optional.of(user) : Optional.empty();
    }
}
