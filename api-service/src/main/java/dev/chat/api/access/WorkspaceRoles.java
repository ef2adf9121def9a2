package dev.chat.api.access;

import dev.chat.http.problems.ApiException;
import dev.chat.http.problems.Refusals;
import dev.chat.model.protocol.ErrorCode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The caller's standing in a workspace, read from the database in the acting transaction. Someone outside the
 * workspace learns nothing about it (404, as for one that does not exist); an invited member is told to accept first;
 * a member asking for an admin action is told it is one.
 */
@ApplicationScoped
public class WorkspaceRoles {

    private final AccessRepository access;

    public WorkspaceRoles(AccessRepository access) {
        this.access = access;
    }

    public Uni<Membership> activeMember(SqlClient client, String subject, UUID workspaceId) {
        return access.membership(client, subject, workspaceId).map(found -> {
            Membership me = found.orElseThrow(WorkspaceRoles::noSuchWorkspace);
            requireActive(me);
            return me;
        });
    }

    public Uni<Membership> admin(SqlClient client, String subject, UUID workspaceId) {
        return activeMember(client, subject, workspaceId).invoke(me -> {
            if (!me.admin()) {
                throw new ApiException(ErrorCode.ADMIN_REQUIRED, "Only workspace admins may do this.");
            }
        });
    }

    public static void requireActive(Membership me) {
        if (!me.active()) {
            throw invitePending();
        }
    }

    public static ApiException invitePending() {
        return Refusals.invitePending();
    }

    public static ApiException noSuchWorkspace() {
        return Refusals.noSuchWorkspace();
    }
}
