package dev.chat.gateway.socket;

import dev.chat.gateway.rooms.RoomFrame;
import dev.chat.gateway.rooms.RoomMember;
import dev.chat.model.protocol.ErrorCode;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One open socket: who it belongs to, the rooms it holds (with the last offset written in each), and its send queue.
 * Sends never wait: a socket whose unwritten frames exceed the limit is closed as a slow consumer instead of slowing
 * anyone else down.
 */
public final class ClientSession implements RoomMember {

    /** Policy violation: the client did not keep up with its frames. */
    static final CloseReason SLOW_CONSUMER = new CloseReason(1008, ErrorCode.SLOW_CONSUMER.code());
    /**
     * A room's epoch changed under a live subscription (its history was lost in Redis): the frames that follow do not
     * continue what the client holds. Resuming tells it so ({@code recovered:false}) and it refetches.
     */
    static final CloseReason EPOCH_CHANGED = new CloseReason(1012, "A room's history was reset: reconnect and resume.");

    private static final Logger LOG = Logger.getLogger(ClientSession.class);

    private final ServerWebSocket socket;
    private final Context context;
    private final String subject;
    private volatile UUID userId;
    private final long tokenExpiresAtMillis;
    private final int maxPendingFrames;
    private final SocketMetrics metrics;
    private final Map<String, RoomFeed> rooms = new ConcurrentHashMap<>();
    private final AtomicInteger pendingFrames = new AtomicInteger();
    private final Handler<AsyncResult<Void>> written = result -> pendingFrames.decrementAndGet();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile long lastHeardNanos = System.nanoTime();
    private CompletionStage<Void> lastCommand = CompletableFuture.completedFuture(null);

    ClientSession(ServerWebSocket socket, Context context, String subject, UUID userId, long tokenExpiresAtMillis,
                  int maxPendingFrames, SocketMetrics metrics) {
        this.socket = socket;
        this.context = context;
        this.subject = subject;
        this.userId = userId;
        this.tokenExpiresAtMillis = tokenExpiresAtMillis;
        this.maxPendingFrames = maxPendingFrames;
        this.metrics = metrics;
    }

    /** For logs: the client's address and port, unique among open sockets. */
    String id() {
        return String.valueOf(socket.remoteAddress());
    }

    /** The event loop the socket lives on (not a per-request duplicate of it). */
    @Override
    public Context context() {
        return context;
    }

    /**
     * The user's id, or null while the token's subject has no account: a new user's first socket may open before
     * their first REST call has made it (subscribing looks again, {@link #knownAs}).
     */
    UUID userId() {
        return userId;
    }

    /** The token's subject, to look the account up again while it is not known. */
    String subject() {
        return subject;
    }

    /** The account the subject turned out to have, once made. */
    void knownAs(UUID user) {
        userId = user;
    }

    /** When the token the socket was opened with expires, in epoch milliseconds. */
    long tokenExpiresAtMillis() {
        return tokenExpiresAtMillis;
    }

    /** The rooms this socket holds or is being subscribed to. */
    Set<String> rooms() {
        return rooms.keySet();
    }

    /**
     * The room is being subscribed: its live frames are held back until the subscription is answered
     * ({@link #answered}), so that none arrives before {@code subscribed} or between replayed ones.
     */
    void hold(String room) {
        rooms.put(room, new RoomFeed());
    }

    /** @return whether the socket held the room */
    boolean leave(String room) {
        return rooms.remove(room) != null;
    }

    /**
     * After {@code subscribed} was written: the replayed frames, then the held live ones newer than {@code position}
     * (the offset {@code subscribed} reported), in the order they came; from then on live frames go straight out.
     */
    void answered(String room, String epoch, long position, List<String> replay) {
        RoomFeed feed = rooms.get(room);
        if (feed == null) {
            return;
        }
        synchronized (feed) {
            replay.forEach(this::write);
            feed.epoch = epoch;
            feed.delivered = position;
            for (RoomFrame held : feed.held) {
                deliver(feed, held);
            }
            feed.held = null;
        }
    }

    /**
     * A live frame of a room: held while its subscription is being answered, dropped when its offset is not past the
     * last one sent (already replayed, or counted in the position {@code subscribed} reported), written otherwise.
     */
    @Override
    public void send(RoomFrame frame) {
        RoomFeed feed = rooms.get(frame.room());
        if (feed == null) {
            return;
        }
        synchronized (feed) {
            if (feed.held == null) {
                deliver(feed, frame);
            } else if (feed.held.size() < maxPendingFrames) {
                feed.held.add(frame);
            } else {
                closeAsSlowConsumer();
            }
        }
    }

    /**
     * Writes a frame past the last one written. A frame of another epoch than the one the client holds means the
     * room's history was lost: its offsets start again, so the socket is closed for the client to resume.
     */
    private void deliver(RoomFeed feed, RoomFrame frame) {
        if (frame.offset() >= 0) {
            if (feed.epoch == null) {
                feed.epoch = frame.epoch(); // the room had no event when it was subscribed
            } else if (frame.epoch() != null && !frame.epoch().equals(feed.epoch)) {
                LOG.infof("Closing socket %s of user %s: a room's epoch changed", id(), userId);
                close(EPOCH_CHANGED);
                return;
            }
            if (frame.offset() <= feed.delivered) {
                return;
            }
            feed.delivered = frame.offset();
        }
        write(frame.bytes());
    }

    /** Queues a reply or a replayed frame for this socket without waiting for it to be written. */
    void write(String frame) {
        write(Buffer.buffer(frame));
    }

    /**
     * Queues a text frame. The buffer is shared by every socket of a room and never changed: each write reads it
     * through a view of its own, so it is encoded once and copied by nobody but the transport.
     */
    private void write(Buffer utf8) {
        if (closing.get()) {
            return;
        }
        if (pendingFrames.incrementAndGet() > maxPendingFrames) {
            closeAsSlowConsumer();
            return;
        }
        metrics.frameWritten();
        // Vert.x's public API makes a text frame only from a String, which it would encode again for every socket.
        socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, utf8.getByteBuf(), true), written);
    }

    /** A ping, to learn whether the peer is still there; its pong counts as hearing from it ({@link #heard}). */
    void ping() {
        if (!closing.get()) {
            socket.writePing(Buffer.buffer(), ignored -> { });
        }
    }

    /** Runs this client's commands one after another, in the order they arrived. */
    synchronized void enqueue(Supplier<CompletionStage<Void>> command) {
        lastCommand = lastCommand.handle((ok, failure) -> null).thenCompose(ignored -> command.get());
    }

    /** The client sent something: a frame, or a pong to the gateway's ping. */
    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    long lastHeardNanos() {
        return lastHeardNanos;
    }

    boolean isClosing() {
        return closing.get();
    }

    void markClosed() {
        closing.set(true);
    }

    private void closeAsSlowConsumer() {
        if (!closing.get()) {
            metrics.slowConsumer();
        }
        LOG.infof("Closing socket %s of user %s: more than %d frames unwritten", id(), userId, maxPendingFrames);
        close(SLOW_CONSUMER);
    }

    /**
     * A room as this socket receives it: the epoch and last offset written, and the frames held while it is
     * subscribed.
     */
    private static final class RoomFeed {
        String epoch;
        long delivered;
        List<RoomFrame> held = new ArrayList<>();
    }

    /** Closes the socket with this reason, once; nothing more is sent to it. */
    void close(CloseReason reason) {
        if (closing.compareAndSet(false, true)) {
            socket.close((short) reason.code(), reason.message()).onFailure(failure -> { });
        }
    }
}
