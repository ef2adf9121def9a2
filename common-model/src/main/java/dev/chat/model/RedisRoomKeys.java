package dev.chat.model;

/**
 * Redis names shared with the gateways (docs/architecture.md): the pub/sub channel a room's frames go out on and the
 * keys holding its epoch, last offset and history.
 */
public final class RedisRoomKeys {

    private RedisRoomKeys() {
    }

    public static String channel(String room) {
        return "chat:room:" + room;
    }

    public static String epoch(String room) {
        return "chat:epoch:" + room;
    }

    public static String offset(String room) {
        return "chat:offset:" + room;
    }

    public static String history(String room) {
        return "chat:history:" + room;
    }

    /**
     * The outbox ids of the events last published to the room (a sorted set), so that an event published again gets
     * no new offset.
     */
    public static String published(String room) {
        return "chat:published-ids:" + room; // a string "chat:published:" held the highest id in earlier builds
    }
}
