package dev.chat.api.threads;

import dev.chat.model.EventType;
import dev.chat.model.Room;
import dev.chat.outbox.OutboxEvent;
import dev.chat.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code conversation.updated} events after a thread's replies changed (one was posted or deleted): one event per
 * distinct summary, so channels that show the same counts share one event and a channel with restricted replies gets
 * its own.
 */
@ApplicationScoped
public class ThreadSummaries {

    private final OutboxWriter outbox;

    public ThreadSummaries(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /**
     * @param views         how each channel of the conversation shows the thread now
     * @param restrictedTo  the private channel whose restricted reply changed (only its summary changed), or null
     *                      when an open reply changed (every channel's summary changed)
     */
    public List<OutboxEvent> updated(UUID workspaceId, Instant at, UUID conversationId, UUID rootMessageId,
                                     List<ThreadView> views, UUID restrictedTo) {
        List<OutboxEvent> events = new ArrayList<>();
        List<Room> sameSummary = new ArrayList<>();
        ThreadView shared = null;
        for (ThreadView view : views) {
            if (restrictedTo != null && !view.channelId().equals(restrictedTo)) {
                continue;
            }
            if (view.hasRestrictedReplies()) {
                events.add(outbox.event(EventType.CONVERSATION_UPDATED, workspaceId, at,
                        view.asEvent(conversationId, rootMessageId), List.of(Room.channel(view.channelId()))));
            } else {
                sameSummary.add(Room.channel(view.channelId()));
                shared = view;
            }
        }
        if (shared != null) {
            events.add(outbox.event(EventType.CONVERSATION_UPDATED, workspaceId, at,
                    shared.asEvent(conversationId, rootMessageId), sameSummary));
        }
        return events;
    }
}
