package dev.vigil.api.dashboard;

import dev.vigil.api.account.UserAccount;
import dev.vigil.api.account.UserAccountRepository;
import dev.vigil.api.signin.PasswordCheck;
import dev.vigil.api.signin.SignInLockedException;
import dev.vigil.api.signin.TwoFactor;
import dev.vigil.api.web.StoredTime;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serial;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * Signing in to the dashboard:
 * <ol>
 *   <li>the address and password are checked behind the per-address lock-out (a locked address is answered 429
 *       with the wait, the password unlooked at);</li>
 *   <li>an account with two-factor sign-in is not signed in yet: the session remembers who passed the password
 *       step (for five minutes) and the code page asks for a TOTP or recovery code, whose failures count toward the
 *       same lock-out;</li>
 *   <li>then the session id changes and the person lands where they were going (an invitation, a page).</li>
 * </ol>
 */
@Controller
class SignInController {

    static final String PENDING_ATTRIBUTE = "vigil.dashboard.signin.pending";
    private static final Duration PENDING_FOR = Duration.ofMinutes(5);

    private final PasswordCheck passwordCheck;
    private final TwoFactor twoFactor;
    private final UserAccountRepository users;
    private final SessionSignIn sessions;
    private final Clock clock;
    private final RequestCache savedRequests = new HttpSessionRequestCache();

    SignInController(PasswordCheck passwordCheck, TwoFactor twoFactor, UserAccountRepository users,
                     SessionSignIn sessions, Clock clock) {
        this.passwordCheck = passwordCheck;
        this.twoFactor = twoFactor;
        this.users = users;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Who passed the password step and when; kept in the session until the code step. */
    record PendingSignIn(UUID userId, String email, Instant at, String next) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    @GetMapping("/login")
    String form(@RequestParam(defaultValue = "") String next, Model model) {
        model.addAttribute("next", safeNext(next));
        return "dashboard/login";
    }

    @PostMapping("/login")
    String signIn(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
                  @RequestParam(defaultValue = "") String next, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        switch (passwordCheck.check(username, password)) {
            case PasswordCheck.Outcome.Locked locked -> {
                return locked(locked.retryAfter(), response, model, "dashboard/login", safeNext(next));
            }
            case PasswordCheck.Outcome.Failed failed -> {
                return "redirect:/login?error" + (safeNext(next).isEmpty() ? "" : "&next=" + encode(next));
            }
            case PasswordCheck.Outcome.Passed passed -> {
                UserAccount user = passed.user();
                String target = safeNext(next);
                if (twoFactor.isEnabled(user.getId())) {
                    HttpSession session = request.getSession();
                    request.changeSessionId();
                    session.setAttribute(PENDING_ATTRIBUTE, new PendingSignIn(user.getId(), user.getEmail(),
                            StoredTime.now(clock), target));
                    return "redirect:/login/code";
                }
                return complete(user, target, request, response);
            }
        }
    }

    @GetMapping("/login/code")
    String codeForm(HttpServletRequest request) {
        return pending(request) == null ? "redirect:/login" : "dashboard/login-code";
    }

    @PostMapping("/login/code")
    String code(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
                HttpServletResponse response, Model model) {
        PendingSignIn pending = pending(request);
        if (pending == null) {
            return "redirect:/login";
        }
        Duration locked = passwordCheck.lockedFor(pending.email()).orElse(null);
        if (locked != null) {
            return locked(locked, response, model, "dashboard/login-code", "");
        }
        if (twoFactor.verify(pending.userId(), code)) {
            passwordCheck.cleared(pending.email());
            request.getSession().removeAttribute(PENDING_ATTRIBUTE);
            UserAccount user = users.findById(pending.userId()).orElse(null);
            return user == null ? "redirect:/login" : complete(user, pending.next(), request, response);
        }
        if (passwordCheck.failure(pending.email(), StoredTime.now(clock))
                instanceof PasswordCheck.Outcome.Locked lock) {
            return locked(lock.retryAfter(), response, model, "dashboard/login-code", "");
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        model.addAttribute("problem", "That code is not right (or was used already). Enter the current code from "
                + "your authenticator app, or a recovery code.");
        return "dashboard/login-code";
    }

    private String complete(UserAccount user, String next, HttpServletRequest request, HttpServletResponse response) {
        SavedRequest saved = savedRequests.getRequest(request, response);
        sessions.signIn(user, request, response);
        if (!next.isEmpty()) {
            return "redirect:" + next;
        }
        if (saved != null) {
            savedRequests.removeRequest(request, response);
            return "redirect:" + saved.getRedirectUrl();
        }
        return "redirect:/app/monitors";
    }

    private PendingSignIn pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(PENDING_ATTRIBUTE) instanceof PendingSignIn pending
                && pending.at().plus(PENDING_FOR).isAfter(StoredTime.now(clock))) {
            return pending;
        }
        return null;
    }

    private static String locked(Duration retryAfter, HttpServletResponse response, Model model, String view,
                                 String next) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        model.addAttribute("problem", SignInLockedException.message(retryAfter));
        model.addAttribute("next", next);
        return view;
    }

    /** Only a path of this site, never another site's address (no open redirect). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x21)) {
            return "";
        }
        return next;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
