/**
 * The messages that cross service boundaries on SQS (docs/architecture.md, "Messages"):
 * {@link dev.vigil.common.message.CheckJob} from the scheduler (or a probe asking for confirmation) to a region's
 * probes, {@link dev.vigil.common.message.CheckResult} from a probe to the alerting service, and
 * {@link dev.vigil.common.message.ProbeHeartbeat} from each probe instance to the alerting service's fleet registry.
 * Records with JSON mapping through {@link dev.vigil.common.json.WireJson}; readers ignore fields they do not know,
 * so a rolling deploy can add fields.
 */
package dev.vigil.common.message;
