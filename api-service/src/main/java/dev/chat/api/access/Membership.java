package dev.chat.api.access;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.util.Optional;
import java.util.UUID;

/** One user's place in one workspace, as the database says in the acting transaction. */
public record Membership(UUID userId, String role, String status) {

    public boolean active() {
        return "active".equals(status);
    }

    public boolean admin() {
        return active() && "admin".equals(role);
    }

    /** The membership in the first row (columns {@code user_id}, {@code role}, {@code status}), if any. */
    public static Optional<Membership> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(of(rows.iterator().next()));
    }

    public static Membership of(Row row) {
        return new Membership(row.getUUID("user_id"), row.getString("role"), row.getString("status"));
    }
}
