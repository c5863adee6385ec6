/** DNS record checks (A, AAAA, CNAME, MX, TXT, NS) against a chosen or the system resolver, with answer assertions. */
package dev.vigil.probe.check.dns;
