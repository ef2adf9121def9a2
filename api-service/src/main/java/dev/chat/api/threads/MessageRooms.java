package dev.chat.api.threads;

import dev.chat.model.Message;
import dev.chat.model.Room;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The rooms whose clients show a message, so that what happens to it (created, edited, deleted, reacted to) reaches
 * exactly those who may read it: a flat message is shown in its channel; a thread root in every channel of its
 * conversation and in the thread; an open reply in the thread; a restricted reply (posted in a private channel the
 * conversation was shared into) only in that channel, to its members.
 */
public final class MessageRooms {

    private MessageRooms() {
    }

    /**
     * @param restricted           whether the message is a reply restricted to the private channel it was posted in
     * @param conversationChannels the channels of the message's conversation (empty for a flat message)
     */
    public static List<Room> of(Message message, boolean restricted, List<UUID> conversationChannels) {
        if (message.conversationId() == null) {
            return List.of(Room.channel(message.channelId()));
        }
        if (message.replyToMessageId() != null) {
            return List.of(restricted ? Room.channel(message.channelId()) : Room.thread(message.conversationId()));
        }
        List<Room> rooms = new ArrayList<>();
        for (UUID channel : conversationChannels) {
            rooms.add(Room.channel(channel));
        }
        rooms.add(Room.thread(message.conversationId()));
        return rooms;
    }
}
