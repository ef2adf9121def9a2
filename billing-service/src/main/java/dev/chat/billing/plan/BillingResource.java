package dev.chat.billing.plan;

import dev.chat.http.problems.ApiException;
import dev.chat.http.problems.Refusals;
import dev.chat.http.problems.Refuses;
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

    private final BillingAccounts accounts;
    private final SecurityIdentity identity;

    public BillingResource(BillingAccounts accounts, SecurityIdentity identity) {
        this.accounts = accounts;
        this.identity = identity;
    }

    /** The plan, seats and AI budget of a workspace, for any of its active members. */
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING})
    @GET
    public Uni<BillingStatus> status(@QueryParam("workspace_id") UUID workspaceId) {
        if (workspaceId == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Query parameter 'workspace_id' is required.");
        }
        return accounts.forSubject(identity.getPrincipal().getName(), workspaceId).map(found -> {
            BillingAccounts.Account account = found.orElseThrow(Refusals::noSuchWorkspace);
            if (!account.active()) {
                throw Refusals.invitePending();
            }
            return account.status();
        });
    }
}
