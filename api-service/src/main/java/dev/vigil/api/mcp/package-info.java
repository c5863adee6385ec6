/**
 * The Model Context Protocol server at {@code /mcp} (Streamable HTTP, stateless: every request carries its API key,
 * so any api instance answers it): tools for AI assistants over the same application services as the REST API,
 * acting as the key's workspace and role (a VIEWER key reads only). Each {@link ToolSet} contributes tools of one
 * feature; {@link McpServerConfiguration} serves them. See docs/api.md, "MCP server".
 */
package dev.vigil.api.mcp;
