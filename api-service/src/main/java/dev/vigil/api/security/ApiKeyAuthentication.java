package dev.vigil.api.security;

import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.identity.Role;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated API key. Its authorities are its role and every role below it ({@code ROLE_OWNER} implies
 * {@code ROLE_ADMIN} and {@code ROLE_VIEWER}), so rules can ask for the least role they need.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiPrincipal principal;

    ApiKeyAuthentication(ApiPrincipal principal) {
        super(authoritiesOf(principal.role()));
        this.principal = principal;
        setAuthenticated(true);
    }

    private static List<GrantedAuthority> authoritiesOf(Role role) {
        return Arrays.stream(Role.values()).filter(role::atLeast)
                .<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r.name()))
                .toList();
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public ApiPrincipal getPrincipal() {
        return principal;
    }
}
