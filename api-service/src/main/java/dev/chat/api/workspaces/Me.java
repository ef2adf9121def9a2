package dev.chat.api.workspaces;

import dev.chat.api.identity.UserRepository.UserAccount;
import java.util.List;

/**
 * {@code GET /api/me}: the caller, the workspaces they are an active member of, and whether their organization still
 * has no workspace (the client then offers to create one).
 */
public record Me(UserAccount user, List<WorkspaceRepository.Membership> workspaces, boolean needsWorkspace) {
}
