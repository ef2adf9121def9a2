package dev.chat.api.messages;

import dev.chat.api.access.CallerContext;
import dev.chat.http.problems.Refuses;
import dev.chat.model.Message;
import dev.chat.model.protocol.ErrorCode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/messages")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    /** Set on a 201 that replays an earlier post with the same client_msg_id. */
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final MessageService messages;
    private final CallerContext callers;

    public MessageResource(MessageService messages, CallerContext callers) {
        this.messages = messages;
        this.callers = callers;
    }

    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING, ErrorCode.CHANNEL_ARCHIVED})
    @POST
    public Uni<RestResponse<Message>> post(PostMessageRequest request) {
        return messages.post(callers.caller().subject(), request)
                .map(posted -> RestResponse.ResponseBuilder.<Message>create(RestResponse.Status.CREATED)
                        .entity(posted.message())
                        .header(REPLAYED_HEADER, String.valueOf(!posted.created()))
                        .build());
    }
}
