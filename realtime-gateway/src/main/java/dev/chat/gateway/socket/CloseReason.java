package dev.chat.gateway.socket;

/** Why the gateway closes a socket: an RFC 6455 close code and a short reason for the client (docs/protocol.md). */
record CloseReason(int code, String message) {
}
