/**
 * Assertions on what a check saw (status code, body, JSON path, header, response time, DNS answers), with a clear
 * message for each failure. Regular expressions run under a time budget and JSON is depth-checked before parsing,
 * so a hostile response or pattern cannot hang or crash a worker.
 */
package dev.vigil.probe.check.assertion;
