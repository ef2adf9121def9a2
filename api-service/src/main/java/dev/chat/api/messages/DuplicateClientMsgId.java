package dev.chat.api.messages;

/**
 * Thrown inside a write transaction when the author already used the request's client_msg_id, so that everything the
 * transaction wrote so far is rolled back; the caller then answers with the first message.
 */
public final class DuplicateClientMsgId extends RuntimeException {

    public DuplicateClientMsgId() {
        super("client_msg_id already used", null, false, false);
    }
}
