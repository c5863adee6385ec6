/**
 * The check engine: one {@link dev.vigil.probe.check.CheckExecutor} per monitor type, each turning a job into a
 * {@link dev.vigil.probe.check.CheckOutcome}. A failed check is an outcome carrying its cause, never an exception.
 */
package dev.vigil.probe.check;
