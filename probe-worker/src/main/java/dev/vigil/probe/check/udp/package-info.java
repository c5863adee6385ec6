/** UDP request/reply checks. */
package dev.vigil.probe.check.udp;
