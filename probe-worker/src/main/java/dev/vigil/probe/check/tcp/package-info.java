/** TCP connect checks. */
package dev.vigil.probe.check.tcp;
