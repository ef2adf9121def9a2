package dev.chat.gateway.rooms;

import io.vertx.core.buffer.Buffer;

/**
 * An event frame of a room as Redis delivered it, prepared once for every local socket of the room: its position
 * ({@link EventFrames}; null and -1 when it carries none) and its text encoded to UTF-8 once, in a buffer every socket
 * writes without copying or parsing it again. The text itself is not kept: held frames hold only the bytes.
 */
public record RoomFrame(String room, String epoch, long offset, Buffer bytes) {

    static RoomFrame of(String room, String text) {
        return new RoomFrame(room, EventFrames.epoch(text), EventFrames.offset(text), Buffer.buffer(text));
    }
}
