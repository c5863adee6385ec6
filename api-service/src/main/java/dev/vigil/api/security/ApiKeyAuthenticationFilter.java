package dev.vigil.api.security;

import dev.vigil.api.apikey.ApiKey;
import dev.vigil.api.apikey.ApiKeyIssuer;
import dev.vigil.api.apikey.ApiKeyRepository;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <key>}. A request without the header passes on unauthenticated (the
 * authorization rules then answer 401 where a key is needed); a request with a wrong, malformed or revoked key is
 * answered 401 at once, without saying which of those it was.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final ApiKeyRepository keys;
    private final ProblemResponses problems;
    private final Clock clock;

    ApiKeyAuthenticationFilter(ApiKeyRepository keys, ProblemResponses problems, Clock clock) {
        this.keys = keys;
        this.problems = problems;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKey> key = authenticate(header);
        if (key.isEmpty()) {
            problems.write(response, HttpStatus.UNAUTHORIZED, "Invalid API key",
                    "The API key is not valid or has been revoked.", request);
            return;
        }
        Instant now = clock.instant();
        keys.touch(key.get().getId(), now, now.minus(LAST_USED_RESOLUTION));
        SecurityContextHolder.getContext().setAuthentication(
                new ApiKeyAuthentication(new ApiPrincipal(key.get().getWorkspaceId(), key.get().getId())));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private Optional<ApiKey> authenticate(String header) {
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String presented = header.substring(BEARER.length()).trim();
        if (!ApiKeyIssuer.looksLikeKey(presented)) {
            return Optional.empty();
        }
        return keys.findByKeyHash(ApiKeyIssuer.hash(presented)).filter(k -> !k.isRevoked());
    }
}
