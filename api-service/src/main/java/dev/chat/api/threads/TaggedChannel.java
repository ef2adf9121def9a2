package dev.chat.api.threads;

import java.util.UUID;

/** A channel named by a #tag in a message, and whether the author may share into it. */
record TaggedChannel(UUID id, boolean privateChannel, boolean authorIsMember) {

    /** Public channels take anyone's tag; a private one only its members' (others' tags stay plain text). */
    boolean shareableBy() {
        return !privateChannel || authorIsMember;
    }
}
