package dev.vigil.api.dashboard;

import dev.vigil.api.account.UserAccount;
import dev.vigil.api.account.UserAccountRepository;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Finds the person signing in by email, in Vigil's own users table. Deliberately not a bean: a
 * {@link UserDetailsService} bean would also be offered to the API chain, which authenticates keys only.
 */
final class DashboardAccounts implements UserDetailsService {

    private final UserAccountRepository users;

    DashboardAccounts(UserAccountRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        UserAccount user = users.findByEmail(email == null ? "" : email.strip())
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return new SignedInUser(user.getId(), user.getEmail(), user.getPasswordHash());
    }
}
