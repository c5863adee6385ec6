/**
 * ICMP echo (PING) checks. Java has no raw ICMP sockets (and {@code InetAddress.isReachable} silently falls back to a
 * TCP connect to port 7 without privileges), so the probe runs iputils' {@code ping} with a fixed argument list and
 * a numeric address the SSRF guard approved, and parses its summary.
 */
package dev.vigil.probe.check.ping;
