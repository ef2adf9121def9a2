package dev.chat.api.reads;

import dev.chat.api.access.CallerContext;
import dev.chat.api.access.ChannelAccess;
import dev.chat.api.access.WorkspaceRoles;
import dev.chat.api.channels.ChannelRequests;
import dev.chat.http.problems.ApiException;
import dev.chat.http.problems.Refuses;
import dev.chat.model.Conversation;
import dev.chat.model.Message;
import dev.chat.model.Page;
import dev.chat.model.TimelineItem;
import dev.chat.model.protocol.ErrorCode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/** Reading channels and threads (keyset-paginated, one statement per page), and marking threads read. */
@Path("/api")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ReadResource {

    private final ReadRepository reads;
    private final ThreadReading threadReading;
    private final CallerContext callers;

    public ReadResource(ReadRepository reads, ThreadReading threadReading, CallerContext callers) {
        this.reads = reads;
        this.threadReading = threadReading;
        this.callers = callers;
    }

    /** Marks the thread read up to a message of it; the position never moves back. */
    @Refuses({ErrorCode.NOT_FOUND})
    @POST
    @Path("/conversations/{id}/read")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Void>> markRead(@PathParam("id") UUID conversationId, ChannelRequests.MarkRead request) {
        return threadReading.markRead(subject(), conversationId, request).map(ok -> RestResponse.noContent());
    }

    /** Flat messages and thread roots of the channel, including threads shared into it, newest first. */
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING})
    @GET
    @Path("/channels/{id}/messages")
    public Uni<Page<TimelineItem>> timeline(@PathParam("id") UUID channelId, @QueryParam("cursor") String cursor,
                                            @QueryParam("limit") Integer limit) {
        int size = PageSize.of(limit);
        UUID before = Cursor.decode(cursor, Cursor.AFTER_EVERYTHING);
        return reads.timeline(channelId, subject(), before, size + 1).map(rows -> {
            if (!rows.visible()) {
                throw ChannelAccess.noSuchChannel();
            }
            if (!rows.activeMember()) {
                throw WorkspaceRoles.invitePending();
            }
            return page(rows.items(), rows.keys(), size);
        });
    }

    @Refuses({ErrorCode.NOT_FOUND})
    @GET
    @Path("/conversations/{id}")
    public Uni<Conversation> conversation(@PathParam("id") UUID conversationId) {
        return reads.conversation(conversationId, subject())
                .map(found -> found.orElseThrow(ReadResource::noSuchConversation));
    }

    /** The thread's replies the caller may read, oldest first. */
    @Refuses({ErrorCode.NOT_FOUND})
    @GET
    @Path("/conversations/{id}/messages")
    public Uni<Page<Message>> replies(@PathParam("id") UUID conversationId, @QueryParam("cursor") String cursor,
                                      @QueryParam("limit") Integer limit) {
        int size = PageSize.of(limit);
        UUID after = Cursor.decode(cursor, Cursor.BEFORE_EVERYTHING);
        return reads.replies(conversationId, subject(), after, size + 1)
                .map(found -> found.orElseThrow(ReadResource::noSuchConversation))
                .map(replies -> page(replies, replies.stream().map(Message::id).toList(), size));
    }

    /** Rows were read one beyond the page size: their presence is what says there is a next page. */
    private static <T> Page<T> page(List<T> items, List<UUID> keys, int size) {
        if (items.size() <= size) {
            return new Page<>(items, null);
        }
        return new Page<>(items.subList(0, size), Cursor.encode(keys.get(size - 1)));
    }

    private static ApiException noSuchConversation() {
        return new ApiException(ErrorCode.NOT_FOUND, "No such conversation.");
    }

    private String subject() {
        return callers.caller().subject();
    }
}
