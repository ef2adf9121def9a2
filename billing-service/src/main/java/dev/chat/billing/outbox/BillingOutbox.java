package dev.chat.billing.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.f4b6a3.uuid.UuidCreator;
import dev.chat.model.Event;
import dev.chat.model.EventType;
import dev.chat.model.OutboxSignal;
import dev.chat.model.Room;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Billing's events go out as every other service's do: an outbox row in the transaction of the change (brief
 * decision 2). Billing changes are rare, so the relay is woken with a NOTIFY inside the transaction; its 1 s poll
 * covers a lost one.
 */
@ApplicationScoped
public class BillingOutbox {

    private static final String INSERT = """
            INSERT INTO outbox (event_id, event_type, workspace_id, rooms, payload) VALUES ($1, $2, $3, $4, $5::text::json)
            """;

    private final ObjectMapper json;

    public BillingOutbox(ObjectMapper json) {
        this.json = json;
    }

    public <P> Uni<Void> append(SqlClient tx, EventType type, UUID workspaceId, P payload, List<Room> rooms) {
        UUID eventId = UuidCreator.getTimeOrderedEpoch();
        String envelope;
        try {
            envelope = json.writeValueAsString(new Event<>(eventId, type, workspaceId, Instant.now(), payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payload is not serializable", e);
        }
        Tuple row = Tuple.tuple().addUUID(eventId).addString(type.wireName()).addUUID(workspaceId)
                .addArrayOfString(rooms.stream().map(Room::toString).toArray(String[]::new)).addString(envelope);
        return tx.preparedQuery(INSERT).execute(row)
                .chain(() -> tx.query("NOTIFY " + OutboxSignal.CHANNEL).execute())
                .replaceWithVoid();
    }
}
