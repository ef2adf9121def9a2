package dev.chat.api.threads;

import java.util.UUID;

/**
 * The message a reply answers, with what the reply needs to know about its thread. {@code conversationId} is null
 * while the parent is still a flat message; {@code postingChannelInConversation} says whether the channel the reply
 * is posted in is one of the conversation's channels. {@code deletedLeaf}: deleted, and not a thread root (a deleted
 * root stays for its thread and takes replies).
 */
record ParentMessage(UUID id, UUID workspaceId, UUID channelId, UUID conversationId, boolean readableByCaller,
                     boolean deletedLeaf,
                     boolean postingChannelInConversation, boolean postingChannelRestricted) {

    boolean flat() {
        return conversationId == null;
    }
}
