package dev.chat.api.dms;

import dev.chat.api.access.CallerContext;
import dev.chat.http.problems.Refuses;
import dev.chat.model.DirectMessage;
import dev.chat.model.protocol.ErrorCode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/** Direct messages. Their messages, threads, reactions and reads use the channel calls with the DM's id. */
@Path("/api/workspaces/{workspaceId}/dms")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DirectMessageResource {

    private final DirectMessageService dms;
    private final CallerContext callers;

    public DirectMessageResource(DirectMessageService dms, CallerContext callers) {
        this.dms = dms;
        this.callers = callers;
    }

    /** Opens the DM between the caller and these members: 201 when new, 200 with the one they have already. */
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING, ErrorCode.MEMBER_NOT_ACTIVE})
    @POST
    public Uni<RestResponse<DirectMessage>> open(@PathParam("workspaceId") UUID workspaceId,
                                                 DirectMessageRequests.Open request) {
        return dms.open(callers.caller().subject(), workspaceId, request).map(opened -> opened.created()
                ? RestResponse.status(RestResponse.Status.CREATED, opened.dm())
                : RestResponse.ok(opened.dm()));
    }

    /** The caller's DMs in the workspace, the latest written in first, each with what they have not read. */
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING})
    @GET
    public Uni<List<DirectMessage>> list(@PathParam("workspaceId") UUID workspaceId) {
        return dms.list(callers.caller().subject(), workspaceId);
    }
}
