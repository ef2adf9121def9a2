package dev.chat.api.dms;

import dev.chat.api.channels.ReadPositions;
import dev.chat.model.DirectMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Direct messages: channels of kind 'dm', one per set of people in a workspace (decision 0019). */
@ApplicationScoped
public class DirectMessageRepository {

    /** The people ($2) sorted as the database sorts them: the one form of a set that the unique key compares. */
    private static final String SORTED = "ARRAY(SELECT DISTINCT p FROM unnest($2::uuid[]) p ORDER BY p)";

    /**
     * The people's workspace memberships, each held until commit (in one order, so that two openings wait rather
     * than deadlock), so that none of them is removed between this check and the DM's creation.
     */
    private static final String LOCK_PEOPLE = """
            SELECT user_id, status FROM workspace_members
            WHERE workspace_id = $1 AND user_id = ANY ($2::uuid[])
            ORDER BY user_id
            FOR SHARE
            """;

    /**
     * The DM with its people as members, or no row when the set has one already: then the statement waited for the
     * transaction that made it, so a second opening of the same set finds the first's DM.
     */
    private static final String CREATE = """
            WITH created AS (
                INSERT INTO channels (id, workspace_id, kind, dm_members, visibility, created_by, created_at)
                VALUES ($1, $3, 'dm', %s, 'private', $4, $5)
                ON CONFLICT (workspace_id, dm_members) WHERE kind = 'dm' DO NOTHING
                RETURNING id, workspace_id, dm_members, created_at
            ), members AS (
                INSERT INTO channel_members (channel_id, user_id, created_at)
                SELECT c.id, p.user_id, c.created_at FROM created c, unnest(c.dm_members) AS p (user_id)
            )
            SELECT * FROM created
            """.formatted(SORTED);

    private static final String FIND = """
            SELECT id, workspace_id, dm_members, created_at FROM channels
            WHERE workspace_id = $1 AND kind = 'dm' AND dm_members = %s
            """.formatted(SORTED);

    /** The reader's ($2) DMs in workspace $1, the latest written in first, with what they have not read. */
    private static final String LISTED = """
            SELECT c.id, c.workspace_id, c.dm_members, c.created_at, rd.last_read_message_id, %s
            FROM channel_members cm
            JOIN channels c ON c.id = cm.channel_id AND c.kind = 'dm' AND c.workspace_id = $1
            LEFT JOIN channel_reads rd ON rd.channel_id = c.id AND rd.user_id = $2
            CROSS JOIN LATERAL (SELECT %s AS position) p
            CROSS JOIN LATERAL (
                SELECT coalesce((SELECT m.id FROM messages m
                                 WHERE m.channel_id = c.id AND m.reply_to_message_id IS NULL
                                 ORDER BY m.id DESC LIMIT 1),
                                uuid7_floor(c.created_at)) AS latest) latest
            WHERE cm.user_id = $2
              AND EXISTS (SELECT 1 FROM readable_channels($2) r WHERE r.channel_id = c.id)
            ORDER BY latest.latest DESC, c.id DESC
            """.formatted(ReadPositions.unreadColumns("c.id", "$2", "p.position"), ReadPositions.POSITION);

    /** @return each person's membership status in the workspace; those not in it are missing */
    public Uni<Map<UUID, String>> lockPeople(SqlClient tx, UUID workspaceId, Set<UUID> people) {
        return tx.preparedQuery(LOCK_PEOPLE).execute(Tuple.of(workspaceId, people.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, String> statuses = new HashMap<>();
                    rows.forEach(row -> statuses.put(row.getUUID("user_id"), row.getString("status")));
                    return statuses;
                });
    }

    /** @return the new DM, or empty when these people have one in the workspace already */
    public Uni<Optional<DirectMessage>> create(SqlClient tx, UUID id, UUID workspaceId, Set<UUID> people,
                                               UUID creator, Instant at) {
        Tuple parameters = Tuple.tuple().addUUID(id).addArrayOfUUID(people.toArray(UUID[]::new)).addUUID(workspaceId)
                .addUUID(creator).addOffsetDateTime(at.atOffset(ZoneOffset.UTC));
        return tx.preparedQuery(CREATE).execute(parameters).map(rows -> rows.size() == 0 ? Optional.empty()
                : Optional.of(toDirectMessage(rows.iterator().next())));
    }

    public Uni<Optional<DirectMessage>> find(SqlClient tx, UUID workspaceId, Set<UUID> people) {
        return tx.preparedQuery(FIND).execute(Tuple.of(workspaceId, people.toArray(UUID[]::new)))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(toDirectMessage(rows.iterator().next())));
    }

    public Uni<List<DirectMessage>> listedFor(SqlClient client, UUID workspaceId, UUID readerId) {
        return client.preparedQuery(LISTED).execute(Tuple.of(workspaceId, readerId)).map(rows -> {
            List<DirectMessage> dms = new ArrayList<>();
            rows.forEach(row -> dms.add(toDirectMessage(row)
                    .withUnread(ReadPositions.unread(row, row.getUUID("last_read_message_id")))));
            return dms;
        });
    }

    private static DirectMessage toDirectMessage(Row row) {
        return new DirectMessage(row.getUUID("id"), row.getUUID("workspace_id"),
                Arrays.asList(row.getArrayOfUUIDs("dm_members")), row.getOffsetDateTime("created_at").toInstant(),
                null);
    }
}
