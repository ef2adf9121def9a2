package dev.chat.gateway.rooms;

/** Whatever holds a room locally and takes its frames: a client's socket. */
public interface RoomMember {

    /**
     * Queues a room's event frame for writing; never waits. {@code offset} is the frame's position in the room, read
     * once for all members ({@link EventFrames#offset}), or -1 when the frame carries none.
     */
    void send(String room, long offset, String frame);
}
