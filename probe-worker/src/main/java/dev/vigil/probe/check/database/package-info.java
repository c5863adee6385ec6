/**
 * DATABASE checks: a login to PostgreSQL (pgjdbc), MySQL/MariaDB (MariaDB Connector/J) or Redis (a minimal RESP
 * exchange), at an address the SSRF guard vetted, then optionally one read-only statement or command. Credentials
 * are workspace variables, opened only to log in and taken out of every message the result carries.
 */
package dev.vigil.probe.check.database;
