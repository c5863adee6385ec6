package dev.vigil.api.mcp;

import dev.vigil.api.identity.ApiPrincipal;
import java.util.Map;

/**
 * One MCP tool: its name, a description written for a model (what it does, its arguments, what it answers), the JSON
 * schema of its arguments, whether it changes anything (then a VIEWER key is refused before it runs), and what it does.
 */
record VigilTool(String name, String description, Map<String, Object> inputSchema, boolean changes, Handler handler) {

    static VigilTool reading(String name, String description, Map<String, Object> inputSchema, Handler handler) {
        return new VigilTool(name, description, inputSchema, false, handler);
    }

    static VigilTool changing(String name, String description, Map<String, Object> inputSchema, Handler handler) {
        return new VigilTool(name, description, inputSchema, true, handler);
    }

    /** Runs the tool as the caller; answers what is shown to the model as JSON. */
    @FunctionalInterface
    interface Handler {
        Object call(ApiPrincipal caller, ToolArguments arguments);
    }
}
