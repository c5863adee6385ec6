/**
 * GRPC checks: the standard health checking protocol ({@code grpc.health.v1.Health/Check}) with grpc-java over a
 * channel pinned to an address the SSRF guard vetted, plaintext or TLS.
 */
package dev.vigil.probe.check.grpc;
