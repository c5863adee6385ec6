package dev.vigil.api.mcp;

import io.micrometer.core.instrument.MeterRegistry;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.info.BuildProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP server at {@code /mcp}: the SDK's stateless Streamable HTTP transport as a servlet of its own, behind the
 * API's security chain (which authenticates the key and applies its rate limit; see SecurityConfiguration), with the
 * tools of every {@link ToolSet}. Stateless, so any api instance answers any request and nothing is kept between
 * calls; the caller travels from the authenticated request to the tool in the transport context.
 */
@Configuration(proxyBeanMethods = false)
class McpServerConfiguration {

    static final String ENDPOINT = "/mcp";
    private static final String INSTRUCTIONS = """
            Vigil monitors websites and services from several regions. Use list_monitors to find monitors and \
            their status, get_monitor_results and get_monitor_uptime for their history, list_incidents for what \
            is or was down, list_on_call_rotations for who is on call. Tools that change things (create, update, \
            pause, resume, acknowledge, post updates, maintenance windows, on-call overrides, run_check) need a key \
            with the ADMIN or OWNER role.""";

    /**
     * The protocol's own JSON (JSON-RPC envelopes, as the SDK's records expect them); tool arguments are read with the
     * API's strict mapper instead ({@link ToolArguments}).
     */
    private static final JacksonMcpJsonMapper PROTOCOL_JSON = new JacksonMcpJsonMapper(JsonMapper.builder().build());

    @Bean(destroyMethod = "destroy")
    HttpServletStatelessServerTransport mcpTransport() {
        return HttpServletStatelessServerTransport.builder()
                .jsonMapper(PROTOCOL_JSON)
                .messageEndpoint(ENDPOINT)
                .contextExtractor(request -> {
                    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
                    return McpToolRunner.contextOf(authentication == null ? null : authentication.getPrincipal());
                })
                .build();
    }

    @Bean
    ServletRegistrationBean<HttpServletStatelessServerTransport> mcpServlet(
            HttpServletStatelessServerTransport transport) {
        ServletRegistrationBean<HttpServletStatelessServerTransport> registration =
                new ServletRegistrationBean<>(transport, ENDPOINT);
        registration.setName("mcp");
        registration.setAsyncSupported(true);
        return registration;
    }

    @Bean(destroyMethod = "close")
    McpStatelessSyncServer mcpServer(HttpServletStatelessServerTransport transport, List<ToolSet> toolSets,
                                     JsonMapper json, MeterRegistry meters,
                                     ObjectProvider<BuildProperties> build) {
        McpToolRunner runner = new McpToolRunner(json, meters);
        List<McpStatelessServerFeatures.SyncToolSpecification> tools = toolSets.stream()
                .flatMap(set -> set.tools().stream())
                .map(tool -> McpStatelessServerFeatures.SyncToolSpecification.builder()
                        .tool(McpSchema.Tool.builder().name(tool.name()).description(tool.description())
                                .inputSchema(tool.inputSchema())
                                .annotations(new McpSchema.ToolAnnotations(null, !tool.changes(), false,
                                        !tool.changes(), false, null))
                                .build())
                        .callHandler((context, request) -> runner.call(tool, context, request))
                        .build())
                .toList();
        BuildProperties info = build.getIfAvailable();
        return McpServer.sync(transport)
                .jsonMapper(PROTOCOL_JSON)
                .serverInfo("vigil", info == null ? "dev" : info.getVersion())
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .requestTimeout(Duration.ofSeconds(90))
                .tools(tools)
                .build();
    }
}
