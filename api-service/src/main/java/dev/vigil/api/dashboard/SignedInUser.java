package dev.vigil.api.dashboard;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A person signed in to the dashboard. What they may do depends on the workspace they act in, so the only authority
 * here is being signed in; roles are read from the membership on every request (see {@link CallerResolver}). The
 * session never holds a password or hash; it holds the account's session epoch at sign-in, and ends when a password
 * reset moves the account's on ({@link SessionEpochFilter}).
 */
final class SignedInUser implements UserDetails, Serializable {

    @Serial
    private static final long serialVersionUID = 2L;
    private static final List<GrantedAuthority> AUTHORITIES = List.of(new SimpleGrantedAuthority("ROLE_USER"));

    private final UUID userId;
    private final String email;
    private final int sessionEpoch;

    SignedInUser(UUID userId, String email, int sessionEpoch) {
        this.userId = userId;
        this.email = email;
        this.sessionEpoch = sessionEpoch;
    }

    public UUID userId() {
        return userId;
    }

    public String email() {
        return email;
    }

    int sessionEpoch() {
        return sessionEpoch;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return AUTHORITIES;
    }

    @Override
    public String getPassword() {
        return null;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public String toString() {
        return "SignedInUser[" + userId + "]";
    }
}
