/** How a service ends: SIGTERM turns readiness down, waits for traffic to move away, drains and exits 0. */
package dev.vigil.common.lifecycle;
