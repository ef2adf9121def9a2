package dev.chat.api.threads;

import java.util.UUID;

/**
 * A channel named by a #tag in a message, and whether the author may read it: public channels take anyone's tag, a
 * private one only its members' (others' tags stay plain text).
 */
record TaggedChannel(UUID id, boolean privateChannel, boolean readableByAuthor) {
}
