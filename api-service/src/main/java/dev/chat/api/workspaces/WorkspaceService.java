package dev.chat.api.workspaces;

import com.github.f4b6a3.uuid.UuidCreator;
import dev.chat.api.access.Caller;
import dev.chat.api.identity.UserAccounts;
import dev.chat.http.problems.ApiException;
import dev.chat.http.problems.Fields;
import dev.chat.model.Slugs;
import dev.chat.model.Workspace;
import dev.chat.model.protocol.ErrorCode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Signup: one workspace per identity-provider organization, created by its first member. */
@ApplicationScoped
public class WorkspaceService {

    static final int NAME_MAX_CHARS = 80;
    static final int SLUG_MAX_CHARS = 64;
    /** Signups racing for the same slug retry this often before giving up with a 409. */
    private static final int SLUG_ATTEMPTS = 5;

    private final Pool pool;
    private final UserAccounts accounts;
    private final WorkspaceRepository workspaces;

    public WorkspaceService(Pool pool, UserAccounts accounts, WorkspaceRepository workspaces) {
        this.pool = pool;
        this.accounts = accounts;
        this.workspaces = workspaces;
    }

    public Uni<Me> me(Caller caller) {
        return accounts.signIn(caller).chain(user -> pool.withConnection(c -> workspaces.ofUser(c, user.id())
                .chain(memberships -> caller.orgId() == null
                        ? Uni.createFrom().item(new Me(user, memberships, false))
                        : workspaces.ofOrganization(c, caller.orgId())
                                .map(existing -> new Me(user, memberships, existing.isEmpty())))));
    }

    public Uni<Workspace> create(Caller caller, CreateWorkspaceRequest request) {
        String name = validName(request);
        if (caller.orgId() == null) {
            throw new ApiException(ErrorCode.ORGANIZATION_REQUIRED,
                    "Your sign-in names no organization, and a workspace "
                    + "belongs to one: sign in through your organization.");
        }
        return accounts.signIn(caller).chain(user -> attempt(caller, name, user.id(), 1));
    }

    private Uni<Workspace> attempt(Caller caller, String name, UUID creator, int attempt) {
        return pool.withTransaction(tx -> refuseIfOrganizationHasOne(tx, caller.orgId())
                        .chain(() -> freeSlug(tx, Slugs.from(name, SLUG_MAX_CHARS, "workspace")))
                        .chain(slug -> workspaces.create(tx, newWorkspace(caller, name, slug, creator))))
                .chain(created -> {
                    if (created.isPresent()) {
                        return Uni.createFrom().item(created.get());
                    }
                    // Another signup took the organization or the slug between our read and our insert.
                    return pool.withConnection(c -> refuseIfOrganizationHasOne(c, caller.orgId()))
                            .chain(() -> {
                                if (attempt >= SLUG_ATTEMPTS) {
                                    throw new ApiException(ErrorCode.CONFLICT,
                                            "Too many workspaces are being created with this name; try again.");
                                }
                                return attempt(caller, name, creator, attempt + 1);
                            });
                });
    }

    private Uni<Void> refuseIfOrganizationHasOne(SqlClient client, String orgId) {
        return workspaces.ofOrganization(client, orgId).invoke(existing -> existing.ifPresent(id -> {
            throw new ApiException(ErrorCode.WORKSPACE_EXISTS,
                    "Your organization already has a workspace; ask one of its admins for an invite.",
                    Map.of("workspace_id", id));
        })).replaceWithVoid();
    }

    /** {@code base}, else the first of {@code base-2}, {@code base-3}… that no workspace has. */
    private Uni<String> freeSlug(SqlClient tx, String base) {
        return workspaces.slugsLike(tx, base).map(taken -> firstFree(base, taken));
    }

    static String firstFree(String base, Set<String> taken) {
        for (int n = 1; ; n++) {
            String candidate = Slugs.candidate(base, n, SLUG_MAX_CHARS);
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    private WorkspaceRepository.NewWorkspace newWorkspace(Caller caller, String name, String slug, UUID creator) {
        return new WorkspaceRepository.NewWorkspace(UuidCreator.getTimeOrderedEpoch(), name, slug, caller.orgId(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), creator, UuidCreator.getTimeOrderedEpoch());
    }

    private static String validName(CreateWorkspaceRequest request) {
        return Fields.name(Fields.body(request).name(), "name", NAME_MAX_CHARS);
    }
}
