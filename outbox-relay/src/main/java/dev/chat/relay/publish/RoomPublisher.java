package dev.chat.relay.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.model.RedisRoomKeys;
import dev.chat.relay.store.PendingEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes events to their rooms in Redis, {@value #EVENTS_PER_CALL} per run of {@code redis/publish-events.lua}
 * and every call of a batch in one pipelined round trip. The script gives each event the room's next offset, adds it
 * to the room's history stream (capped by count and age) and PUBLISHes the frame that {@link EventFrameTemplate} lays
 * out; it remembers the room's latest published outbox ids, so that a batch published again after a crash gives no
 * event a second offset, and expires an idle room's keys. A room's state is read and written once per call, which is
 * what makes a call of many events cheaper than many calls. Calls are sent in batch order on one connection and the
 * script takes its events in order, so per-room order follows outbox id order.
 */
public class RoomPublisher {

    private static final String SCRIPT = readScript();
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Events per script call. Redis runs nothing else while a script runs: a call of this size takes a few
     * milliseconds at most, which gateways reading from the same Redis do not notice.
     */
    static final int EVENTS_PER_CALL = 250;

    private final Redis redis;
    private final List<String> frameParts;
    private final int historySize;
    private final long historyAgeMillis;
    private final long idleExpiryMillis;
    private final int rememberedIds;
    private volatile String scriptSha;

    /**
     * @param batchSize the relay's batch size: a room remembers the outbox ids of four batches, more than a relay can
     *                  publish before it deletes their rows (it publishes one batch while it deletes the one before)
     */
    public RoomPublisher(Redis redis, ObjectMapper json, int historySize, Duration historyAge, Duration idleExpiry,
                         int batchSize) {
        this.redis = redis;
        this.rememberedIds = 4 * batchSize;
        this.frameParts = EventFrameTemplate.parts(json);
        this.historySize = historySize;
        this.historyAgeMillis = historyAge.toMillis();
        this.idleExpiryMillis = idleExpiry.toMillis();
    }

    /** Completes once Redis has accepted every event of the batch; fails if any was refused. */
    public Uni<Void> publish(List<PendingEvent> batch) {
        String epochForNewRooms = newEpoch();
        return loadedScript()
                .chain(sha -> redis.batch(requests(sha, batch, epochForNewRooms)))
                .onFailure(RoomPublisher::isNoScript).recoverWithUni(failure -> {
                    scriptSha = null; // Redis restarted and lost its script cache: load again, retry once.
                    return loadedScript().chain(sha -> redis.batch(requests(sha, batch, epochForNewRooms)));
                })
                .replaceWithVoid();
    }

    private List<Request> requests(String sha, List<PendingEvent> batch, String epochForNewRooms) {
        List<Request> requests = new ArrayList<>(batch.size() / EVENTS_PER_CALL + 1);
        for (int from = 0; from < batch.size(); from += EVENTS_PER_CALL) {
            requests.add(call(sha, batch.subList(from, Math.min(batch.size(), from + EVENTS_PER_CALL)),
                    epochForNewRooms));
        }
        return requests;
    }

    /** One script call for these events: their distinct rooms' keys and names, then each event with its rooms' numbers. */
    private Request call(String sha, List<PendingEvent> events, String epochForNewRooms) {
        Map<String, Integer> roomNumbers = new LinkedHashMap<>();
        for (PendingEvent event : events) {
            for (String room : event.rooms()) {
                roomNumbers.putIfAbsent(room, roomNumbers.size() + 1);
            }
        }
        Request request = Request.cmd(Command.EVALSHA).arg(sha).arg(roomNumbers.size() * 4);
        for (String room : roomNumbers.keySet()) {
            request.arg(RedisRoomKeys.epoch(room)).arg(RedisRoomKeys.offset(room)).arg(RedisRoomKeys.history(room))
                    .arg(RedisRoomKeys.published(room));
        }
        request.arg(epochForNewRooms).arg(historySize).arg(historyAgeMillis).arg(idleExpiryMillis).arg(rememberedIds);
        frameParts.forEach(request::arg);
        request.arg(roomNumbers.size());
        roomNumbers.keySet().forEach(request::arg);
        for (PendingEvent event : events) {
            request.arg(event.id()).arg(event.envelopeJson()).arg(event.rooms().size());
            for (String room : event.rooms()) {
                request.arg(roomNumbers.get(room));
            }
        }
        return request;
    }

    private Uni<String> loadedScript() {
        String sha = scriptSha;
        if (sha != null) {
            return Uni.createFrom().item(sha);
        }
        return redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(SCRIPT))
                .map(response -> scriptSha = response.toString());
    }

    private static boolean isNoScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().contains("NOSCRIPT");
    }

    private static String newEpoch() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String readScript() {
        try (InputStream in = RoomPublisher.class.getResourceAsStream("/redis/publish-events.lua")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
