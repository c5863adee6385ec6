package dev.vigil.common.check;

import java.util.Map;

/**
 * A WebSocket handshake with a {@code ws://} or {@code wss://} URL: up when the connection opens and, when
 * {@code expect} is given, a message matching that regular expression arrives within the timeout. {@code send}, when
 * given, is sent as a text message once the connection is open (a subscription, a ping of the application's own).
 *
 * @param url     the ws(s) URL
 * @param headers extra handshake headers (an {@code Authorization}, a subprotocol); may name workspace variables as
 *                {@code {{vars.NAME}}}
 * @param send    a text message to send once open, or null
 * @param expect  a regular expression a received message must contain a match of, or null to be up on open
 */
public record WebSocketCheck(String url, Map<String, String> headers, String send, String expect)
        implements CheckSpec {

    public WebSocketCheck {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    @Override
    public MonitorType type() {
        return MonitorType.WEBSOCKET;
    }

    @Override
    public String target() {
        return url;
    }
}
