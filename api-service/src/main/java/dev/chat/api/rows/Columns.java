package dev.chat.api.rows;

import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Column values as the API's records hold them: a null array as an empty list, a timestamp as an instant. */
public final class Columns {

    private Columns() {
    }

    public static List<UUID> uuids(Row row, String column) {
        UUID[] values = row.getArrayOfUUIDs(column);
        return values == null ? List.of() : Arrays.asList(values);
    }

    /** Whether a timestamp that marks a state (such as {@code deleted_at}) is set. */
    public static boolean isSet(Row row, String column) {
        return row.getOffsetDateTime(column) != null;
    }

    public static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }
}
