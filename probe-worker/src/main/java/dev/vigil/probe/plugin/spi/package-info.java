/**
 * Java plugins: implementations of the plugin API's {@code dev.vigil.plugin.CheckExecutor}, found with
 * {@link java.util.ServiceLoader} in the jars of the plugin folder, each plugin in its own child-first class loader,
 * run on a virtual thread under the check's timeout with guarded network access.
 */
package dev.vigil.probe.plugin.spi;
