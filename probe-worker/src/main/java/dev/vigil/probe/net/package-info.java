/**
 * The network side every check type shares: the SSRF guard from {@code vigil.probe.*} settings, a
 * {@link dev.vigil.probe.net.Connector} that opens connections only to vetted addresses and times them, and the
 * TLS trust ({@link dev.vigil.probe.net.TlsTrust}) with a fresh context per check.
 */
package dev.vigil.probe.net;
