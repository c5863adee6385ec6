/**
 * The probe plugin API: implement {@link dev.vigil.plugin.CheckExecutor} to add a check type to Vigil's probes.
 * A plugin gets its arguments, a time limit and guarded {@link dev.vigil.plugin.Network} access in a
 * {@link dev.vigil.plugin.CheckRequest}, and answers with a {@link dev.vigil.plugin.CheckReport}. The reference
 * implementation is {@code examples/example-plugin}.
 */
package dev.vigil.plugin;
