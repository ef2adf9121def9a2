package dev.chat.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chat.testing.PublishedSchemas;
import dev.chat.testing.TestData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What a call wrote to the outbox: a mark before it, then the events after the mark. */
public final class OutboxEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutboxEvents() {
    }

    /** The position after which the next events will be written. */
    public static long mark() {
        return TestData.count("SELECT coalesce(max(id), 0) FROM outbox");
    }

    /**
     * The workspace's events after {@code mark} whose type is {@code LIKE typePattern}, in order, as
     * {@code {rooms, envelope}}; each envelope is checked against the published event schema.
     */
    public static List<JsonNode> after(UUID workspace, long mark, String typePattern) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        try (var connection = TestData.connect(); var query = connection.prepareStatement("""
                SELECT array_to_json(rooms)::text, payload::text FROM outbox
                WHERE id > ? AND workspace_id = ? AND event_type LIKE ? ORDER BY id""")) {
            query.setLong(1, mark);
            query.setObject(2, workspace);
            query.setString(3, typePattern);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    JsonNode envelope = JSON.readTree(rows.getString(2));
                    assertTrue(PublishedSchemas.violations("event.json", envelope).isEmpty(),
                            () -> PublishedSchemas.violations("event.json", envelope) + " in " + envelope);
                    ObjectNode event = JSON.createObjectNode();
                    event.set("rooms", JSON.readTree(rows.getString(1)));
                    event.set("envelope", envelope);
                    events.add(event);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return events;
    }
}
