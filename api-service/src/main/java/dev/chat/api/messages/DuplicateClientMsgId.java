package dev.chat.api.messages;

import java.util.UUID;

/**
 * Fails a posting transaction whose client_msg_id the author already used, so that everything it wrote so far is
 * rolled back; {@link MessageService} then answers with the first message.
 */
final class DuplicateClientMsgId extends RuntimeException {

    private final UUID authorId;

    DuplicateClientMsgId(UUID authorId) {
        super("client_msg_id already used", null, false, false);
        this.authorId = authorId;
    }

    UUID authorId() {
        return authorId;
    }
}
