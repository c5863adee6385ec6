/**
 * DOMAIN checks: a domain's registration expiry, read from its registry over RDAP (RFC 9083), the registry found
 * through IANA's RDAP bootstrap file for DNS (RFC 9224).
 */
package dev.vigil.probe.check.domain;
