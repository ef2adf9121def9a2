package dev.chat.api.messages;

import dev.chat.http.problems.ApiException;
import dev.chat.model.Limits;
import dev.chat.model.protocol.ErrorCode;

/** What a message's content may be, posted or edited: not blank, and within the limit (never truncated). */
final class MessageContent {

    private MessageContent() {
    }

    static void validate(String content) {
        if (content == null || content.isBlank()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Field 'content' must not be empty.");
        }
        if (content.length() > Limits.MESSAGE_CONTENT_MAX_CHARS) {
            throw new ApiException(ErrorCode.CONTENT_TOO_LARGE,
                    "Field 'content' is longer than " + Limits.MESSAGE_CONTENT_MAX_CHARS + " characters.");
        }
    }
}
