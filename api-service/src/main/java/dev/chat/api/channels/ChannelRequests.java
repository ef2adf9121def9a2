package dev.chat.api.channels;

import dev.chat.model.Channel;
import java.util.UUID;

/** Request bodies of the channel endpoints. */
public final class ChannelRequests {

    private ChannelRequests() {
    }

    /** {@code POST /api/workspaces/{id}/channels}; visibility defaults to public. */
    public record Create(String name, Channel.Visibility visibility, String topic) {
    }

    /** {@code PATCH /api/channels/{id}}. */
    public record Update(String topic) {
    }

    /** {@code POST /api/channels/{id}/read} and {@code /api/conversations/{id}/read}: the newest message seen. */
    public record MarkRead(UUID messageId) {
    }

    /** {@code POST /api/channels/{id}/members}. */
    public record AddMember(UUID userId) {
    }
}
