/** TLS handshake checks: chain trust, host name, certificate expiry. */
package dev.vigil.probe.check.tls;
