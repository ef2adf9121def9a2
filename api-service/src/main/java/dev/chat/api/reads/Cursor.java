package dev.chat.api.reads;

import dev.chat.http.problems.ApiException;
import dev.chat.model.protocol.ErrorCode;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

/**
 * Opaque page cursors: the sort key of the last item served, base64url-encoded. Lists are keyset-paginated on
 * time-ordered ids, so a page never repeats or skips an item that existed when the previous page was read.
 */
final class Cursor {

    static final UUID BEFORE_EVERYTHING = new UUID(0, 0);
    static final UUID AFTER_EVERYTHING = new UUID(-1L, -1L);

    private Cursor() {
    }

    static String encode(UUID key) {
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(key.getMostSignificantBits())
                .putLong(key.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** @return the key in {@code cursor}, or {@code start} when there is none (first page) */
    static UUID decode(String cursor, UUID start) {
        if (cursor == null || cursor.isEmpty()) {
            return start;
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            if (bytes.length == 16) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                return new UUID(buffer.getLong(), buffer.getLong());
            }
        } catch (IllegalArgumentException e) {
            // fall through to the same answer as a wrong length
        }
        throw new ApiException(ErrorCode.VALIDATION_FAILED, "Parameter 'cursor' is not a cursor this API gave.");
    }
}
