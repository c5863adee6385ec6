package dev.vigil.api.mcp;

/** A tool was called with arguments it cannot use; answered to the model as a tool error naming the argument. */
class ToolArgumentException extends RuntimeException {

    ToolArgumentException(String message) {
        super(message);
    }
}
