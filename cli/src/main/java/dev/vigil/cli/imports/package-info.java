/**
 * Importers: another tool's configuration turned into a Vigil document ({@code vigil.yaml}), with everything that
 * cannot be mapped listed, never silently dropped. {@link dev.vigil.cli.imports.GatusImporter} reads Gatus's
 * {@code config.yaml}. Importers only read files; applying the result is {@code vigil apply}'s job.
 */
package dev.vigil.cli.imports;
