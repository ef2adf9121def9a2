package dev.chat.api.messages;

import java.time.Instant;

/** What a message said before an edit: version 1 is the text as first posted, {@code writtenAt} when it was written. */
public record MessageVersion(int version, String content, Instant writtenAt) {
}
