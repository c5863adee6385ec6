package dev.vigil.common.net;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which addresses outgoing connections may reach. Rules, in order: a cloud metadata address
 * ({@link #CLOUD_METADATA}) is refused, whatever the mode and whatever {@code allowedRanges} say: reaching it hands
 * out the machine's credentials; an address in {@code deniedRanges} is refused; an address in {@code allowedRanges}
 * is permitted; otherwise its {@link AddressCategory} decides. Ranges are compared
 * with the address a connection really reaches ({@link AddressClassifier#unwrap}).
 *
 * @param allowedCategories categories permitted by default
 * @param allowedRanges     permitted whatever their category (a self-hoster's one internal network, say)
 * @param deniedRanges      refused whatever else says (169.254.169.254/32 where private targets are allowed, say)
 */
public record TargetPolicy(Set<AddressCategory> allowedCategories, List<IpRange> allowedRanges,
                           List<IpRange> deniedRanges) {

    /**
     * Instance and task metadata, credential and platform endpoints of the clouds Vigil (or a self-hoster) runs on.
     * Refused even where private targets are allowed (local mode, self-hosting), because a check or webhook pointed
     * there would publish the host's credentials in its result or delivery log.
     */
    public static final List<IpRange> CLOUD_METADATA = List.of(
            IpRange.parse("169.254.169.254/32"),   // AWS, GCP, Azure, OpenStack, DigitalOcean, Oracle instance metadata
            IpRange.parse("169.254.169.253/32"),   // AWS VPC DNS (Route 53 Resolver: private hosted zones)
            IpRange.parse("169.254.169.123/32"),   // AWS time sync, on the metadata link
            IpRange.parse("169.254.170.2/32"),     // AWS ECS task metadata and task role credentials
            IpRange.parse("169.254.170.23/32"),    // AWS EKS Pod Identity credentials
            IpRange.parse("fd00:ec2::254/128"),    // AWS instance metadata over IPv6
            IpRange.parse("fd00:ec2::23/128"),     // AWS EKS Pod Identity over IPv6
            IpRange.parse("100.100.100.200/32"),   // Alibaba Cloud metadata
            IpRange.parse("168.63.129.16/32"),     // Azure WireServer (a public address, so named here)
            IpRange.parse("192.0.0.192/32"));      // Oracle Cloud metadata (legacy)

    public TargetPolicy {
        allowedCategories = Set.copyOf(allowedCategories);
        allowedRanges = allowedRanges == null ? List.of() : List.copyOf(allowedRanges);
        deniedRanges = deniedRanges == null ? List.of() : List.copyOf(deniedRanges);
    }

    /** SaaS mode: the public internet only. */
    public static TargetPolicy publicOnly() {
        return new TargetPolicy(Set.of(AddressCategory.PUBLIC), List.of(), List.of());
    }

    /**
     * Local mode and self-hosting: this host and its networks too (loopback, private, link-local). Multicast and
     * reserved ranges stay refused: no check or webhook can mean them.
     */
    public static TargetPolicy allowingPrivate() {
        return new TargetPolicy(EnumSet.of(AddressCategory.PUBLIC, AddressCategory.PRIVATE, AddressCategory.LOOPBACK,
                AddressCategory.LINK_LOCAL), List.of(), List.of());
    }

    /**
     * The policy of a deployment: {@link #publicOnly()} in SaaS mode, {@link #allowingPrivate()} when private targets
     * are allowed (local mode, self-hosting), with the operator's extra ranges. Every service that connects on a
     * tenant's behalf builds its policy here, so checks and notifications follow the same rules.
     */
    public static TargetPolicy of(boolean allowPrivateTargets, List<IpRange> allowedRanges,
                                  List<IpRange> deniedRanges) {
        return (allowPrivateTargets ? allowingPrivate() : publicOnly()).withAllowedRanges(allowedRanges)
                .withDeniedRanges(deniedRanges);
    }

    public TargetPolicy withAllowedRanges(List<IpRange> ranges) {
        return new TargetPolicy(allowedCategories, ranges, deniedRanges);
    }

    public TargetPolicy withDeniedRanges(List<IpRange> ranges) {
        return new TargetPolicy(allowedCategories, allowedRanges, ranges);
    }

    public boolean permits(InetAddress address) {
        return refusal(address).isEmpty();
    }

    /** Why {@code address} is refused (its category, or a denied range), or empty when it is permitted. */
    public Optional<String> refusal(InetAddress address) {
        InetAddress reached = AddressClassifier.unwrap(address);
        for (IpRange metadata : CLOUD_METADATA) {
            if (metadata.contains(reached) || metadata.contains(address)) {
                return Optional.of("a cloud metadata address (" + metadata + ")");
            }
        }
        for (IpRange denied : deniedRanges) {
            if (denied.contains(reached) || denied.contains(address)) {
                return Optional.of("in the denied range " + denied);
            }
        }
        for (IpRange allowed : allowedRanges) {
            if (allowed.contains(reached)) {
                return Optional.empty();
            }
        }
        AddressCategory category = AddressClassifier.categorize(address);
        if (allowedCategories.contains(category)) {
            return Optional.empty();
        }
        return Optional.of("a " + category.name().toLowerCase(Locale.ROOT).replace('_', '-') + " address");
    }
}
