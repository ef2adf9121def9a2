package dev.chat.outbox;

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
import org.jboss.logging.Logger;

/**
 * Builds event envelopes and writes outbox rows on the caller's transaction: the only way anything reaches clients
 * (docs/decisions/0003-outbox-only-path-to-clients.md), and the only code that knows the outbox table's columns.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final Logger LOG = Logger.getLogger(OutboxWriter.class);

    private static final String INSERT_INTO = "INSERT INTO outbox (event_id, event_type, workspace_id, rooms, payload) ";
    static final String INSERT = INSERT_INTO + "VALUES (" + values(1) + ")";

    private final ObjectMapper json;
    private final OutboxConfig config;
    private final OutboxWakeSignal wakeSignal;

    public OutboxWriter(ObjectMapper json, OutboxConfig config, OutboxWakeSignal wakeSignal) {
        this.json = json;
        this.config = config;
        this.wakeSignal = wakeSignal;
    }

    public <P> OutboxEvent event(EventType type, UUID workspaceId, Instant occurredAt, P payload, List<Room> rooms) {
        UUID eventId = UuidCreator.getTimeOrderedEpoch();
        try {
            String envelope = json.writeValueAsString(new Event<>(eventId, type, workspaceId, occurredAt, payload));
            return new OutboxEvent(eventId, type, workspaceId, rooms, envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payload is not serializable", e);
        }
    }

    /**
     * The outbox insert for a statement that writes its own rows and the event together (one round trip): one outbox
     * row for each row of {@code source} (a CTE of that statement), from the five parameters that start at
     * {@code firstParameter}, which {@link #addInsertParameters} adds.
     */
    public static String insertFrom(String source, int firstParameter) {
        return INSERT_INTO + "SELECT " + values(firstParameter) + " FROM " + source;
    }

    /**
     * Adds the five parameters of an outbox row (event id, type, workspace, rooms, envelope) to {@code into}, for
     * statements that write the outbox row together with their own rows ({@link #insertFrom}).
     */
    public Tuple addInsertParameters(Tuple into, OutboxEvent event) {
        // With the request's id in the line (docs/operating.md, "Following one message").
        LOG.debugf("Writing event %s (%s) for %s", event.eventId(), event.type().wireName(), event.rooms());
        String[] rooms = event.rooms().stream().map(Room::toString).toArray(String[]::new);
        return into.addUUID(event.eventId()).addString(event.type().wireName()).addUUID(event.workspaceId())
                .addArrayOfString(rooms).addString(event.envelopeJson());
    }

    public Uni<Void> append(SqlClient transaction, OutboxEvent event) {
        return transaction.preparedQuery(INSERT).execute(addInsertParameters(Tuple.tuple(), event)).replaceWithVoid();
    }

    /** Writes the events in one round trip, in list order (their outbox ids, hence their publication order). */
    public Uni<Void> appendAll(SqlClient transaction, List<OutboxEvent> events) {
        List<Tuple> rows = events.stream().map(event -> addInsertParameters(Tuple.tuple(), event)).toList();
        return transaction.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
    }

    /** Called inside the transaction after its outbox rows are written. */
    public Uni<Void> beforeCommit(SqlClient transaction) {
        if (config.notifyMode() == OutboxConfig.NotifyMode.IN_TRANSACTION) {
            return transaction.query("NOTIFY " + OutboxSignal.CHANNEL).execute().replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    private static String values(int first) {
        return "$" + first + ", $" + (first + 1) + ", $" + (first + 2) + ", $" + (first + 3) + ", $" + (first + 4)
                + "::text::json";
    }

    /** Called once the transaction has committed. */
    public void afterCommit() {
        if (config.notifyMode() == OutboxConfig.NotifyMode.AFTER_COMMIT) {
            wakeSignal.wake();
        }
    }
}
