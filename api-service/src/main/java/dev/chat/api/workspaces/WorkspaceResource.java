package dev.chat.api.workspaces;

import dev.chat.api.access.CallerContext;
import dev.chat.http.problems.Refuses;
import dev.chat.model.Workspace;
import dev.chat.model.protocol.ErrorCode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class WorkspaceResource {

    private final WorkspaceService workspaces;
    private final CallerContext callers;

    public WorkspaceResource(WorkspaceService workspaces, CallerContext callers) {
        this.workspaces = workspaces;
        this.callers = callers;
    }

    /** The caller (created on their first call), their workspaces, and whether their organization needs one. */
    @GET
    @Path("/me")
    public Uni<Me> me() {
        return workspaces.me(callers.caller());
    }

    @Refuses({ErrorCode.ORGANIZATION_REQUIRED, ErrorCode.WORKSPACE_EXISTS, ErrorCode.CONFLICT})
    @POST
    @Path("/workspaces")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Workspace>> create(CreateWorkspaceRequest request) {
        return workspaces.create(callers.caller(), request)
                .map(created -> RestResponse.status(RestResponse.Status.CREATED, created));
    }
}
