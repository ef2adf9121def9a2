package dev.chat.api.access;

import dev.chat.http.problems.ApiException;
import dev.chat.model.protocol.ErrorCode;
import java.util.Optional;
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

    /**
     * The channel, if the caller may read it and has accepted their invite: 404 when they may not read it, whether or
     * not it exists (so its existence is not revealed), 403 invite_pending before they accept.
     */
    public static ChannelAccess activeReader(Optional<ChannelAccess> found) {
        ChannelAccess channel = found.orElseThrow(ChannelAccess::noSuchChannel);
        if (!channel.activeWorkspaceMember()) {
            throw WorkspaceRoles.invitePending();
        }
        return channel;
    }

    /** A channel the caller may not read, or none at all: the two are indistinguishable on purpose. */
    public static ApiException noSuchChannel() {
        return new ApiException(ErrorCode.NOT_FOUND, "No such channel.");
    }
}
