package dev.chat.billing.plan;

import dev.chat.http.problems.BadRequestException;
import dev.chat.http.problems.Refusals;
import dev.chat.model.protocol.ErrorCode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

@Path("/api/billing")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class BillingResource {

    private final BillingRepository billing;
    private final SecurityIdentity identity;

    public BillingResource(BillingRepository billing, SecurityIdentity identity) {
        this.billing = billing;
        this.identity = identity;
    }

    /** The plan, seats and AI budget of a workspace, for any of its active members. */
    @GET
    public Uni<BillingStatus> status(@QueryParam("workspace_id") UUID workspaceId) {
        if (workspaceId == null) {
            throw new BadRequestException(ErrorCode.VALIDATION_FAILED, "Query parameter 'workspace_id' is required.");
        }
        return billing.statusFor(identity.getPrincipal().getName(), workspaceId).map(found -> {
            BillingRepository.MemberView view = found.orElseThrow(Refusals::noSuchWorkspace);
            if (!view.active()) {
                throw Refusals.invitePending();
            }
            return view.status();
        });
    }
}
