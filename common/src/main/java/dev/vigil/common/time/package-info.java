/** Time as a dependency: the injected {@link java.time.Clock}. */
package dev.vigil.common.time;
