package dev.chat.gateway.rooms;

/** Whatever holds a room locally and takes its frames: a client's socket. */
public interface RoomMember {

    /**
     * Queues a room's event frame for writing; never waits. {@code epoch} and {@code offset} are the frame's position
     * in the room, read once for all members ({@link EventFrames}), or null and -1 when the frame carries none.
     */
    void send(String room, String epoch, long offset, String frame);
}
