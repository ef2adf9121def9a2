package dev.chat.api.messages;

import dev.chat.api.access.ChannelAccess;
import dev.chat.api.threads.MessageRooms;
import dev.chat.model.Message;
import dev.chat.model.Room;
import java.util.List;
import java.util.UUID;

/**
 * A message someone wants to change, read and locked in the transaction that changes it, with the facts the decision
 * needs: who the caller is in its workspace, its channel's state, and where the message is shown.
 *
 * @param restricted           a reply restricted to the private channel it was posted in
 * @param conversationChannels the channels of its conversation, primary first (empty for a flat message)
 */
record MessageTarget(Message message, UUID workspaceId, UUID callerId, String callerRole, String callerStatus,
                     boolean privateChannel, boolean archived, boolean restricted, List<UUID> conversationChannels) {

    boolean callerIsAuthor() {
        return message.authorId().equals(callerId);
    }

    boolean callerIsAdmin() {
        return "admin".equals(callerRole);
    }

    boolean callerActive() {
        return "active".equals(callerStatus);
    }

    /** The rooms that show the message. */
    List<Room> rooms() {
        return MessageRooms.of(message, restricted, conversationChannels);
    }

    /** The message's channel as its author, the caller, may post in it (what #tag sharing acts on). */
    ChannelAccess authorChannel() {
        return new ChannelAccess(callerId, message.channelId(), workspaceId, privateChannel, archived, callerStatus);
    }
}
