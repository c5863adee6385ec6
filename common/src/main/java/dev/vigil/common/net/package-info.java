/**
 * Outgoing-connection safety (SSRF guard), independent of any HTTP client: {@link dev.vigil.common.net.AddressClassifier}
 * sorts an address into an {@link dev.vigil.common.net.AddressCategory} (IPv4, IPv6 and the IPv6 forms that embed an
 * IPv4 address), a {@link dev.vigil.common.net.TargetPolicy} says which categories and ranges may be reached, and a
 * {@link dev.vigil.common.net.TargetGuard} resolves a host once, vets the addresses and hands back only permitted ones
 * (and a socket factory that vets every connect), so the connection is pinned to what was vetted. Probes use it for
 * every check type; the webhook sender uses it for every delivery. Refusals are
 * {@link dev.vigil.common.net.BlockedAddressException}s, thrown before any packet leaves.
 */
package dev.vigil.common.net;
