package dev.chat.api.members;

import dev.chat.api.access.CallerContext;
import dev.chat.http.problems.Refuses;
import dev.chat.model.Member;
import dev.chat.model.protocol.ErrorCode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/workspaces/{workspaceId}/members")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MemberResource {

    private final MemberService members;
    private final CallerContext callers;

    public MemberResource(MemberService members, CallerContext callers) {
        this.members = members;
        this.callers = callers;
    }

    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING})
    @GET
    public Uni<List<Member>> list(@PathParam("workspaceId") UUID workspaceId) {
        return members.list(callers.caller().subject(), workspaceId);
    }

    /** Removes a member (admins), or leaves (anyone, their own id). */
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING, ErrorCode.ADMIN_REQUIRED, ErrorCode.LAST_ADMIN})
    @DELETE
    @Path("/{userId}")
    public Uni<RestResponse<Void>> remove(@PathParam("workspaceId") UUID workspaceId,
                                          @PathParam("userId") UUID userId) {
        return members.remove(callers.caller().subject(), workspaceId, userId).map(ok -> RestResponse.noContent());
    }
}
