package dev.chat.api.threads;

import dev.chat.model.Limits;
import dev.chat.model.events.ConversationUpdated;
import dev.chat.api.rows.Columns;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * How one channel shows a thread: the open replies everyone who can read the conversation sees, plus the replies
 * restricted to this channel (posted in it while it is private and not the conversation's primary channel).
 */
public record ThreadView(UUID channelId, int openReplyCount, Instant openLastReplyAt, List<UUID> openParticipantIds,
                         int restrictedReplyCount, Instant restrictedLastReplyAt,
                         List<UUID> restrictedParticipantIds) {

    /**
     * Reads a view from a row with the columns {@code reply_count}, {@code last_reply_at}, {@code participant_ids}
     * (the conversation's open summary) and {@code restricted_reply_count}, {@code restricted_last_reply_at},
     * {@code restricted_participant_ids} (what the channel adds; null counts as none).
     */
    public static ThreadView read(UUID channelId, Row row) {
        Integer restricted = row.getInteger("restricted_reply_count");
        return new ThreadView(channelId, row.getInteger("reply_count"), Columns.instant(row, "last_reply_at"),
                Columns.uuids(row, "participant_ids"), restricted == null ? 0 : restricted,
                Columns.instant(row, "restricted_last_reply_at"),
                Columns.uuids(row, "restricted_participant_ids"));
    }

    public int replyCount() {
        return openReplyCount + restrictedReplyCount;
    }

    public Instant lastReplyAt() {
        if (openLastReplyAt == null || restrictedLastReplyAt == null) {
            return openLastReplyAt != null ? openLastReplyAt : restrictedLastReplyAt;
        }
        return openLastReplyAt.isAfter(restrictedLastReplyAt) ? openLastReplyAt : restrictedLastReplyAt;
    }

    /** Open participants first, then this channel's restricted ones, each once, at most a handful. */
    public List<UUID> participantIds() {
        Set<UUID> merged = new LinkedHashSet<>(openParticipantIds);
        merged.addAll(restrictedParticipantIds);
        List<UUID> shown = new ArrayList<>(merged);
        return shown.size() <= Limits.THREAD_PARTICIPANTS_SHOWN
                ? shown : shown.subList(0, Limits.THREAD_PARTICIPANTS_SHOWN);
    }

    public boolean hasRestrictedReplies() {
        return restrictedReplyCount > 0;
    }

    public ConversationUpdated asEvent(UUID conversationId, UUID rootMessageId) {
        return new ConversationUpdated(conversationId, rootMessageId, replyCount(), lastReplyAt(), participantIds());
    }
}
