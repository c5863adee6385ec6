/**
 * Monitoring as code: a workspace's monitors, alert channels, status pages and maintenance windows as one document
 * ({@code vigil.yaml}, sent as JSON), each object under a stable key the document gives. {@code DocumentApplier}
 * plans and applies a document in one transaction (a dry run is the same work rolled back, so the plan is validated
 * exactly as the apply would be), through each feature's own application services and {@code MonitorBatch} for bulk
 * monitors; {@code ManagedKeys} remembers which objects a document manages, so pruning never touches anything else;
 * {@code WorkspaceExporter} writes a workspace back as such a document. The document's JSON Schema is
 * {@code apply/vigil.schema.json}.
 */
package dev.vigil.api.apply;
