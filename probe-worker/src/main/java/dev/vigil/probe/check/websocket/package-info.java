/**
 * WEBSOCKET checks: a ws(s) handshake through the guarded OkHttp client, optionally a message sent, and a message
 * matching a bounded regular expression awaited within the timeout.
 */
package dev.vigil.probe.check.websocket;
