package dev.chat.api.access;

import java.util.UUID;

/**
 * What the database says about one caller and one channel, read inside the transaction that acts on it.
 * {@code userId} is null when the caller has no account yet; {@code workspaceId} null when the channel does not exist.
 */
public record ChannelAccess(UUID userId, UUID channelId, UUID workspaceId, boolean privateChannel, boolean archived,
                            String memberStatus, boolean channelMember) {

    public boolean channelExists() {
        return workspaceId != null;
    }

    public boolean activeWorkspaceMember() {
        return "active".equals(memberStatus);
    }

    /** A channel is visible to workspace members (active or invited) if public, and to its members if private. */
    public boolean channelVisible() {
        return userId != null && channelExists() && memberStatus != null && (!privateChannel || channelMember);
    }
}
