package dev.chat.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A direct message: a private conversation channel between fixed people, the reader among them ({@code memberIds},
 * sorted). Its id is a channel id, so messages, threads, reactions and reads use the channel calls. In the reader's
 * list of their DMs it also says what they have not read ({@code unread}); elsewhere that is left out.
 */
@JsonPropertyOrder({"id", "workspace_id", "kind", "member_ids", "created_at"})
public record DirectMessage(UUID id, UUID workspaceId, List<UUID> memberIds, Instant createdAt,
                            @JsonUnwrapped @JsonInclude(JsonInclude.Include.NON_NULL) ChannelUnread unread) {

    public static final String KIND = "dm";

    public DirectMessage {
        memberIds = List.copyOf(memberIds);
    }

    /** The same DM with what the reader has not read of it. */
    public DirectMessage withUnread(ChannelUnread counted) {
        return new DirectMessage(id, workspaceId, memberIds, createdAt, counted);
    }

    /** What a client tells a DM from a channel by, where both appear (a message's {@code channel_id}). */
    @JsonProperty("kind")
    public String kind() {
        return KIND;
    }
}
