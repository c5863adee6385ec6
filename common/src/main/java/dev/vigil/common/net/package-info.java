/**
 * Outgoing-connection safety (SSRF guard), independent of any HTTP client: {@link dev.vigil.common.net.AddressClassifier}
 * sorts an address into an {@link dev.vigil.common.net.AddressCategory} (IPv4, IPv6 and the IPv6 forms that embed an
 * IPv4 address), a {@link dev.vigil.common.net.TargetPolicy} says which categories and ranges may be reached, and a
 * {@link dev.vigil.common.net.TargetGuard} resolves a host once, refuses it when any address is refused and hands
 * back the vetted addresses (and a socket factory that vets every connect), so the connection is pinned to what was
 * vetted. {@link dev.vigil.common.net.GuardedHttpClient} is the one HTTP client built on it, used for HTTP checks and
 * every HTTP notification channel; {@link dev.vigil.common.net.DnsHostResolver} resolves through chosen name servers
 * instead of the machine's. Probes use the guard for every check type, the alerting service for every delivery.
 * Cloud metadata addresses are refused by every policy ({@link dev.vigil.common.net.TargetPolicy#CLOUD_METADATA}). Refusals are
 * {@link dev.vigil.common.net.BlockedAddressException}s, thrown before any packet leaves.
 */
package dev.vigil.common.net;
