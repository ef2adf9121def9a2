package dev.chat.api.access;

import java.util.UUID;

/**
 * A channel the caller may read, or could once their invite is accepted ({@code memberStatus} says which), read
 * inside the transaction that acts on it.
 */
public record ChannelAccess(UUID userId, UUID channelId, UUID workspaceId, boolean privateChannel, boolean archived,
                            String memberStatus) {

    public boolean activeWorkspaceMember() {
        return "active".equals(memberStatus);
    }
}
