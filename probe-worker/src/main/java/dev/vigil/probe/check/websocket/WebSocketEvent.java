package dev.vigil.probe.check.websocket;

import okhttp3.Response;

/** What the socket's listener saw, handed from OkHttp's reader thread to the check's thread in order. */
sealed interface WebSocketEvent {

    record Opened(long handshakeMs) implements WebSocketEvent {
    }

    record Message(String text) implements WebSocketEvent {
    }

    record Closed(int code, String reason) implements WebSocketEvent {
    }

    /** The handshake or the connection failed; {@code response} is the server's answer to a refused upgrade. */
    record Failed(Throwable error, Response response) implements WebSocketEvent {
    }
}
