package dev.chat.api.dms;

import java.util.List;
import java.util.UUID;

/** Request bodies of the direct message endpoints. */
public final class DirectMessageRequests {

    private DirectMessageRequests() {
    }

    /** {@code POST /api/workspaces/{id}/dms}: the other people; the caller is always one of the DM's people. */
    public record Open(List<UUID> userIds) {
    }
}
