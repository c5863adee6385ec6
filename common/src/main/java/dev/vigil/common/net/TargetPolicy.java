package dev.vigil.common.net;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which addresses outgoing connections may reach. Rules, in order: an address in {@code deniedRanges} is refused; an
 * address in {@code allowedRanges} is permitted; otherwise its {@link AddressCategory} decides. Ranges are compared
 * with the address a connection really reaches ({@link AddressClassifier#unwrap}).
 *
 * @param allowedCategories categories permitted by default
 * @param allowedRanges     permitted whatever their category (a self-hoster's one internal network, say)
 * @param deniedRanges      refused whatever else says (169.254.169.254/32 where private targets are allowed, say)
 */
public record TargetPolicy(Set<AddressCategory> allowedCategories, List<IpRange> allowedRanges,
                           List<IpRange> deniedRanges) {

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
