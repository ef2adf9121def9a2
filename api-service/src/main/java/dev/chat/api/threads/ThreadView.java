package dev.chat.api.threads;

import dev.chat.model.Limits;
import dev.chat.model.events.ConversationUpdated;
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
