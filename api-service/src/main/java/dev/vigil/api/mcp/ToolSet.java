package dev.vigil.api.mcp;

import java.util.List;

/** The MCP tools of one feature; every bean of this type is served at {@code /mcp}. */
interface ToolSet {

    List<VigilTool> tools();
}
