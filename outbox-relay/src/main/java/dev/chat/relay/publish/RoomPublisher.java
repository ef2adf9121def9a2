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
import java.util.List;

/**
 * Publishes events to their rooms in Redis, pipelined, up to {@value #MAX_PIPELINE} per round trip. Each event runs
 * {@code redis/publish-event.lua}: next room offset, history stream capped by count and age, PUBLISH of the frame that
 * {@link EventFrameTemplate} lays out, the room's latest published outbox ids (so that a batch published again after a
 * crash gives no event a second offset), and the expiry of an idle room's keys. Events are sent in batch order on one
 * connection, so per-room order follows outbox id order.
 */
public class RoomPublisher {

    private static final String SCRIPT = readScript();
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Events per pipelined round trip. The Redis client refuses a pipeline longer than its waiting queue
     * (quarkus.redis.max-waiting-handlers, 2048 by default), so larger batches go as consecutive chunks.
     */
    private static final int MAX_PIPELINE = 1000;

    private final Redis redis;
    private final List<String> frameParts;
    private final int historySize;
    private final long historyAgeMillis;
    private final long idleExpiryMillis;
    private final int rememberedIds;
    private volatile String scriptSha;

    /**
     * @param batchSize the relay's batch size: a room remembers the outbox ids of four batches, more than a relay can
     *                  publish before it marks them (it publishes one batch while it marks the one before)
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
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < batch.size(); from += MAX_PIPELINE) {
            List<PendingEvent> chunk = batch.subList(from, Math.min(batch.size(), from + MAX_PIPELINE));
            chain = chain.chain(() -> publishPipelined(chunk, epochForNewRooms));
        }
        return chain;
    }

    private Uni<Void> publishPipelined(List<PendingEvent> batch, String epochForNewRooms) {
        return loadedScript()
                .chain(sha -> redis.batch(requests(sha, batch, epochForNewRooms)))
                .onFailure(RoomPublisher::isNoScript).recoverWithUni(failure -> {
                    scriptSha = null; // Redis restarted and lost its script cache: load again, retry once.
                    return loadedScript().chain(sha -> redis.batch(requests(sha, batch, epochForNewRooms)));
                })
                .replaceWithVoid();
    }

    private List<Request> requests(String sha, List<PendingEvent> batch, String epochForNewRooms) {
        List<Request> requests = new ArrayList<>(batch.size());
        for (PendingEvent event : batch) {
            Request request = Request.cmd(Command.EVALSHA).arg(sha).arg(event.rooms().size() * 4);
            for (String room : event.rooms()) {
                request.arg(RedisRoomKeys.epoch(room)).arg(RedisRoomKeys.offset(room)).arg(RedisRoomKeys.history(room))
                        .arg(RedisRoomKeys.published(room));
            }
            request.arg(epochForNewRooms).arg(historySize).arg(historyAgeMillis).arg(idleExpiryMillis)
                    .arg(rememberedIds).arg(event.id()).arg(event.envelopeJson());
            frameParts.forEach(request::arg);
            event.rooms().forEach(request::arg);
            requests.add(request);
        }
        return requests;
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
        try (InputStream in = RoomPublisher.class.getResourceAsStream("/redis/publish-event.lua")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
