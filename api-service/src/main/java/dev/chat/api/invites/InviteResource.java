package dev.chat.api.invites;

import dev.chat.api.access.CallerContext;
import dev.chat.http.problems.Fields;
import dev.chat.http.problems.Refuses;
import dev.chat.model.protocol.ErrorCode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class InviteResource {

    private final InviteService invites;
    private final InviteAcceptance acceptance;
    private final CallerContext callers;

    public InviteResource(InviteService invites, InviteAcceptance acceptance, CallerContext callers) {
        this.invites = invites;
        this.acceptance = acceptance;
        this.callers = callers;
    }

    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING, ErrorCode.ADMIN_REQUIRED, ErrorCode.SEAT_LIMIT_REACHED,
            ErrorCode.ALREADY_MEMBER, ErrorCode.ALREADY_INVITED})
    @POST
    @Path("/workspaces/{workspaceId}/invites")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<InviteRequests.Created>> create(@PathParam("workspaceId") UUID workspaceId,
                                                            InviteRequests.Create request) {
        return invites.create(subject(), workspaceId, request)
                .map(created -> RestResponse.status(RestResponse.Status.CREATED, created));
    }

    /** Invites still open (expired ones included until revoked), for admins. */
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING, ErrorCode.ADMIN_REQUIRED})
    @GET
    @Path("/workspaces/{workspaceId}/invites")
    public Uni<List<Invite>> list(@PathParam("workspaceId") UUID workspaceId) {
        return invites.list(subject(), workspaceId);
    }

    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING, ErrorCode.ADMIN_REQUIRED})
    @DELETE
    @Path("/workspaces/{workspaceId}/invites/{inviteId}")
    public Uni<RestResponse<Void>> revoke(@PathParam("workspaceId") UUID workspaceId,
                                          @PathParam("inviteId") UUID inviteId) {
        return invites.revoke(subject(), workspaceId, inviteId).map(ok -> RestResponse.noContent());
    }

    /** The token in the path. Proxies may log paths, so clients should prefer {@link #acceptWithBody}. */
    @Refuses({ErrorCode.INVITE_NOT_FOUND, ErrorCode.INVITE_REVOKED, ErrorCode.INVITE_EXPIRED, ErrorCode.INVITE_USED_UP,
            ErrorCode.INVITE_WRONG_EMAIL, ErrorCode.SEAT_LIMIT_REACHED})
    @POST
    @Path("/invites/{token}/accept")
    public Uni<InviteRequests.Accepted> accept(@PathParam("token") String token) {
        return acceptance.accept(callers.caller(), token);
    }

    @Refuses({ErrorCode.INVITE_NOT_FOUND, ErrorCode.INVITE_REVOKED, ErrorCode.INVITE_EXPIRED, ErrorCode.INVITE_USED_UP,
            ErrorCode.INVITE_WRONG_EMAIL, ErrorCode.SEAT_LIMIT_REACHED})
    @POST
    @Path("/invites/accept")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<InviteRequests.Accepted> acceptWithBody(InviteRequests.Accept request) {
        return acceptance.accept(callers.caller(), Fields.required(Fields.body(request).token(), "token"));
    }

    private String subject() {
        return callers.caller().subject();
    }
}
