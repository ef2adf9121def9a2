package dev.chat.api.messages;

import dev.chat.api.access.CallerContext;
import dev.chat.http.problems.Refuses;
import dev.chat.model.Message;
import dev.chat.model.protocol.ErrorCode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/messages")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    /** Set on a 201 that replays an earlier post with the same client_msg_id. */
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final MessageService messages;
    private final MessageEditing editing;
    private final MessageDeletion deletion;
    private final MessageReactions reactions;
    private final CallerContext callers;

    public MessageResource(MessageService messages, MessageEditing editing, MessageDeletion deletion,
                           MessageReactions reactions, CallerContext callers) {
        this.messages = messages;
        this.editing = editing;
        this.deletion = deletion;
        this.reactions = reactions;
        this.callers = callers;
    }

    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING, ErrorCode.CHANNEL_ARCHIVED, ErrorCode.CHANNEL_TOO_LARGE,
            ErrorCode.RATE_LIMITED})
    @POST
    public Uni<RestResponse<Message>> post(PostMessageRequest request) {
        return messages.post(callers.caller().subject(), request)
                .map(posted -> RestResponse.ResponseBuilder.<Message>create(RestResponse.Status.CREATED)
                        .entity(posted.message())
                        .header(REPLAYED_HEADER, String.valueOf(!posted.created()))
                        .build());
    }

    /** Replaces the content of the caller's own message; the text it had is kept as a version. */
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING, ErrorCode.FORBIDDEN, ErrorCode.CHANNEL_ARCHIVED,
            ErrorCode.CHANNEL_TOO_LARGE, ErrorCode.RATE_LIMITED})
    @PATCH
    @Path("/{id}")
    public Uni<Message> edit(@PathParam("id") UUID messageId, EditMessageRequest request) {
        return editing.edit(callers.caller().subject(), messageId, request);
    }

    /** Deletes a message (its author or a workspace admin); deleting it again answers 204 as well. */
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING, ErrorCode.FORBIDDEN})
    @DELETE
    @Path("/{id}")
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID messageId) {
        return deletion.delete(callers.caller().subject(), messageId).map(ok -> RestResponse.noContent());
    }

    /** Reacts with an emoji (URL-encoded in the path); reacting again changes nothing. */
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING, ErrorCode.CHANNEL_ARCHIVED, ErrorCode.TOO_MANY_REACTIONS})
    @PUT
    @Path("/{id}/reactions/{emoji}")
    public Uni<MessageReactions.Count> react(@PathParam("id") UUID messageId, @PathParam("emoji") String emoji) {
        return reactions.add(callers.caller().subject(), messageId, emoji);
    }

    /** Takes the caller's reaction back; taking back one they do not have changes nothing. */
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING, ErrorCode.CHANNEL_ARCHIVED})
    @DELETE
    @Path("/{id}/reactions/{emoji}")
    public Uni<MessageReactions.Count> unreact(@PathParam("id") UUID messageId, @PathParam("emoji") String emoji) {
        return reactions.remove(callers.caller().subject(), messageId, emoji);
    }

    /** What the caller's own message said before each edit, oldest first. */
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING, ErrorCode.FORBIDDEN})
    @GET
    @Path("/{id}/versions")
    public Uni<List<MessageVersion>> versions(@PathParam("id") UUID messageId) {
        return editing.versions(callers.caller().subject(), messageId);
    }
}
