/** HTTP(S) checks. */
package dev.vigil.probe.check.http;
