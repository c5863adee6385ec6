/**
 * How a service's work starts and ends: {@link dev.vigil.common.lifecycle.BackgroundThread} for beans whose work is
 * one background thread (started and stopped with the context, in their phase), and
 * {@link dev.vigil.common.lifecycle.GracefulTermination} for SIGTERM: readiness turns down, traffic moves away, work
 * drains and the process exits 0.
 */
package dev.vigil.common.lifecycle;
