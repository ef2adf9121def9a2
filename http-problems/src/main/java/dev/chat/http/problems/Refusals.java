package dev.chat.http.problems;

import dev.chat.model.protocol.ErrorCode;

/** Refusals that several services give in the same words. */
public final class Refusals {

    private Refusals() {
    }

    /** Outside the workspace, or no such workspace: the two are indistinguishable on purpose. */
    public static ApiException noSuchWorkspace() {
        return new ApiException(ErrorCode.NOT_FOUND, "No such workspace.");
    }

    public static ApiException invitePending() {
        return new ApiException(ErrorCode.INVITE_PENDING,
                "Your membership of this workspace is not active yet: accept the invite first.");
    }
}
