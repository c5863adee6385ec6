/**
 * HTTP(S) checks on OkHttp: a fresh, guarded connection per check, phase timings from call events, HTTP/1.1 and
 * HTTP/2, bounded body reads, assertions and the degraded threshold.
 */
package dev.vigil.probe.check.http;
