package dev.chat.gateway.rooms;

/** Whatever holds a room locally and takes its frames: a client's socket. */
public interface RoomMember {

    /** Queues a frame for writing; never waits. */
    void send(String frame);
}
