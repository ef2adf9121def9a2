package dev.chat.api.workspaces;

/** Body of {@code POST /api/workspaces}. */
public record CreateWorkspaceRequest(String name) {
}
