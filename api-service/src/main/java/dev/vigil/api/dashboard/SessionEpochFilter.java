package dev.vigil.api.dashboard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a dashboard session whose account moved on: a password reset bumps the account's session epoch in the
 * database, so every session signed in before it, on any api instance, is signed out at its next request.
 */
final class SessionEpochFilter extends OncePerRequestFilter {

    private final JdbcClient jdbc;

    SessionEpochFilter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stylesheets and scripts need no check; the page that loads them had one. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/dashboard/") || path.startsWith("/webjars/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<SignedInUser> user = SessionSignIn.current();
        if (user.isPresent()) {
            Integer epoch = jdbc.sql("SELECT session_epoch FROM users WHERE id = ?").param(user.get().userId())
                    .query(Integer.class).optional().orElse(null);
            if (epoch == null || epoch != user.get().sessionEpoch()) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            }
        }
        chain.doFilter(request, response);
    }
}
