package dev.vigil.api.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated API key. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiPrincipal principal;

    ApiKeyAuthentication(ApiPrincipal principal) {
        super(List.of(new SimpleGrantedAuthority("ROLE_API")));
        this.principal = principal;
        setAuthenticated(true);
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
