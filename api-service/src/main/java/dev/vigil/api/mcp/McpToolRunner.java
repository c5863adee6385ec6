package dev.vigil.api.mcp;

import dev.vigil.api.identity.ApiPrincipal;
import dev.vigil.api.web.FieldProblem;
import dev.vigil.api.web.InvalidRequestException;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one tool call as the key that made the request: refuses a changing tool to a VIEWER key, runs the tool, and
 * answers its result as JSON text. Whatever the API would answer as a problem (invalid fields, not found, conflict,
 * too many requests) becomes a tool error ({@code isError}) with the same words, so the model can correct itself;
 * anything unexpected is logged and answered without internals.
 */
final class McpToolRunner {

    /** The transport context's key of the caller, put there from the authenticated request. */
    static final String CALLER = "vigil.caller";

    private static final Logger log = LoggerFactory.getLogger(McpToolRunner.class);

    private final JsonMapper json;
    private final MeterRegistry meters;

    McpToolRunner(JsonMapper json, MeterRegistry meters) {
        this.json = json;
        this.meters = meters;
    }

    McpSchema.CallToolResult call(VigilTool tool, McpTransportContext context, McpSchema.CallToolRequest request) {
        if (!(context.get(CALLER) instanceof ApiPrincipal caller)) {
            return error(tool, "unauthenticated", "No API key came with this request.");
        }
        if (tool.changes() && !caller.canWrite()) {
            return error(tool, "refused", "This API key has the VIEWER role, which can read but not change "
                    + "anything: " + tool.name() + " is refused. Use a key with the ADMIN or OWNER role.");
        }
        try {
            Object result = tool.handler().call(caller, new ToolArguments(request.arguments(), json));
            meters.counter("vigil.api.mcp.calls", "tool", tool.name(), "outcome", "ok").increment();
            return McpSchema.CallToolResult.builder().addTextContent(json.writeValueAsString(result))
                    .isError(false).build();
        } catch (ToolArgumentException e) {
            return error(tool, "invalid", e.getMessage());
        } catch (InvalidRequestException e) {
            StringBuilder text = new StringBuilder("Invalid arguments:");
            for (FieldProblem problem : e.errors()) {
                text.append("\n- ").append(problem.field()).append(": ").append(problem.message());
            }
            return error(tool, "invalid", text.toString());
        } catch (ErrorResponseException e) {
            ProblemDetail problem = e.getBody();
            return error(tool, Integer.toString(problem.getStatus()), problem.getTitle() + ": " + problem.getDetail());
        } catch (RuntimeException e) {
            log.warn("mcp tool failed tool={} workspace={} error={}", tool.name(), caller.workspaceId(), e.toString(),
                    e);
            return error(tool, "failed", "The tool failed unexpectedly; nothing more is known to the caller.");
        }
    }

    private McpSchema.CallToolResult error(VigilTool tool, String outcome, String message) {
        meters.counter("vigil.api.mcp.calls", "tool", tool.name(), "outcome", outcome).increment();
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    /** The transport context of a request the security chain authenticated. */
    static McpTransportContext contextOf(Object principal) {
        return principal instanceof ApiPrincipal caller ? McpTransportContext.create(Map.of(CALLER, caller))
                : McpTransportContext.EMPTY;
    }
}
