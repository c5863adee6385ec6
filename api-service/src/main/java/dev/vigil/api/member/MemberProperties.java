package dev.vigil.api.member;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on workspace members ({@code vigil.members.*}).
 *
 * @param maxPerWorkspace members (invited ones included) a workspace may have
 * @param invitationTtl   how long an invitation token can be accepted
 */
@ConfigurationProperties("vigil.members")
record MemberProperties(@DefaultValue("100") int maxPerWorkspace, @DefaultValue("7d") Duration invitationTtl) {

    public MemberProperties {
        if (maxPerWorkspace < 1) {
            throw new IllegalArgumentException("vigil.members.max-per-workspace must be at least 1, was "
                    + maxPerWorkspace);
        }
        if (invitationTtl.isNegative() || invitationTtl.isZero()) {
            throw new IllegalArgumentException("vigil.members.invitation-ttl must be positive, was " + invitationTtl);
        }
    }
}
