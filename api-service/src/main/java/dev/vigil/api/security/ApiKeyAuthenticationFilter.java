package dev.vigil.api.security;

import dev.vigil.api.apikey.ApiKeyAuthenticator;
import dev.vigil.api.apikey.ApiKeyAuthenticator.AuthenticatedKey;
import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.ProblemResponses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <key>}. A request without the header passes on unauthenticated (the
 * authorization rules then answer 401 where a key is needed); a request with a wrong, malformed, revoked or orphaned
 * key is answered 401 at once, without saying which of those it was.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeyAuthenticator authenticator;
    private final ProblemResponses problems;
    private final Counter refused;

    ApiKeyAuthenticationFilter(ApiKeyAuthenticator authenticator, ProblemResponses problems, MeterRegistry meters) {
        this.authenticator = authenticator;
        this.problems = problems;
        this.refused = meters.counter("vigil.api.keys.refused");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<AuthenticatedKey> key = authenticate(header);
        if (key.isEmpty()) {
            refused.increment();
            problems.write(response, HttpStatus.UNAUTHORIZED, "Invalid API key",
                    "The API key is not valid or has been revoked.", request);
            return;
        }
        AuthenticatedKey k = key.get();
        SecurityContextHolder.getContext().setAuthentication(new ApiKeyAuthentication(
                new ApiPrincipal(k.workspaceId(), k.keyId(), k.userId(), k.role(), k.label())));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private Optional<AuthenticatedKey> authenticate(String header) {
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return authenticator.authenticate(header.substring(BEARER.length()).trim());
    }
}
