package dev.chat.gateway.rooms;

import io.vertx.core.Context;

/** Whatever holds a room locally and takes its frames: a client's socket. */
public interface RoomMember {

    /** The event loop this member lives on: its frames are handed to it there. */
    Context context();

    /** Queues a room's event frame for writing, on {@link #context()}; never waits. */
    void send(RoomFrame frame);
}
