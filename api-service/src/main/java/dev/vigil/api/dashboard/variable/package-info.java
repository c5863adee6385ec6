/**
 * The dashboard's workspace variables page: the sealed values API_STEPS, WEBSOCKET and DATABASE checks name as
 * {@code {{vars.NAME}}}, set and deleted through {@link dev.vigil.api.variable.WorkspaceVariables} (the API's rules),
 * listed by name only; a value is never put back into a page.
 */
package dev.vigil.api.dashboard.variable;
