package dev.chat.api.messages;

import dev.chat.api.access.ChannelAccess;
import dev.chat.api.access.WorkspaceRoles;
import dev.chat.api.threads.MessageRooms;
import dev.chat.http.problems.ApiException;
import dev.chat.model.Message;
import dev.chat.model.Room;
import dev.chat.model.protocol.ErrorCode;
import java.util.List;
import java.util.Optional;
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

    /**
     * The message, if the caller may read it and is an active member: 404 when they may not read it (whether or not
     * it exists), 403 invite_pending before they accept.
     */
    static MessageTarget readable(Optional<MessageTarget> found) {
        MessageTarget target = found.orElseThrow(MessageTarget::noSuchMessage);
        if (!"active".equals(target.callerStatus())) {
            throw WorkspaceRoles.invitePending();
        }
        return target;
    }

    /** A deleted message is gone for everything but deleting it again. */
    MessageTarget notDeleted() {
        if (message.deleted()) {
            throw noSuchMessage();
        }
        return this;
    }

    /** An archived channel's messages stay as they are (they may still be deleted). */
    MessageTarget notArchived() {
        if (archived) {
            throw new ApiException(ErrorCode.CHANNEL_ARCHIVED, "This channel is archived; its messages stay as they are.");
        }
        return this;
    }

    static ApiException noSuchMessage() {
        return new ApiException(ErrorCode.NOT_FOUND, "No such message.");
    }

    boolean callerIsAuthor() {
        return message.authorId().equals(callerId);
    }

    boolean callerIsAdmin() {
        return "admin".equals(callerRole);
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
