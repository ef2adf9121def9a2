package dev.chat.gateway.socket;

import dev.chat.gateway.rooms.RoomMember;
import dev.chat.model.protocol.ErrorCode;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
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

    private final WebSocketConnection connection;
    private final String subject;
    private volatile UUID userId;
    private final int maxPendingFrames;
    private final SocketMetrics metrics;
    private final Map<String, RoomFeed> rooms = new ConcurrentHashMap<>();
    private final AtomicInteger pendingFrames = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile long lastHeardNanos = System.nanoTime();
    private CompletionStage<Void> lastCommand = CompletableFuture.completedFuture(null);

    ClientSession(WebSocketConnection connection, String subject, UUID userId, int maxPendingFrames,
                  SocketMetrics metrics) {
        this.connection = connection;
        this.subject = subject;
        this.userId = userId;
        this.maxPendingFrames = maxPendingFrames;
        this.metrics = metrics;
    }

    String id() {
        return connection.id();
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
            for (HeldFrame held : feed.held) {
                deliver(feed, held.epoch(), held.offset(), held.frame());
            }
            feed.held = null;
        }
    }

    /**
     * A live frame of a room: held while its subscription is being answered, dropped when its offset is not past the
     * last one sent (already replayed, or counted in the position {@code subscribed} reported), written otherwise.
     */
    @Override
    public void send(String room, String epoch, long offset, String frame) {
        RoomFeed feed = rooms.get(room);
        if (feed == null) {
            return;
        }
        synchronized (feed) {
            if (feed.held == null) {
                deliver(feed, epoch, offset, frame);
            } else if (feed.held.size() < maxPendingFrames) {
                feed.held.add(new HeldFrame(epoch, offset, frame));
            } else {
                closeAsSlowConsumer();
            }
        }
    }

    /**
     * Writes a frame past the last one written. A frame of another epoch than the one the client holds means the
     * room's history was lost: its offsets start again, so the socket is closed for the client to resume.
     */
    private void deliver(RoomFeed feed, String epoch, long offset, String frame) {
        if (offset >= 0) {
            if (feed.epoch == null) {
                feed.epoch = epoch; // the room had no event when it was subscribed
            } else if (epoch != null && !epoch.equals(feed.epoch)) {
                LOG.infof("Closing socket %s of user %s: a room's epoch changed", id(), userId);
                close(EPOCH_CHANGED);
                return;
            }
            if (offset <= feed.delivered) {
                return;
            }
            feed.delivered = offset;
        }
        write(frame);
    }

    /** Queues a frame for this socket without waiting for it to be written. */
    void write(String frame) {
        if (closing.get()) {
            return;
        }
        if (pendingFrames.incrementAndGet() > maxPendingFrames) {
            closeAsSlowConsumer();
            return;
        }
        metrics.frameWritten();
        connection.sendText(frame).subscribe().with(
                written -> pendingFrames.decrementAndGet(),
                failure -> pendingFrames.decrementAndGet());
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
        List<HeldFrame> held = new ArrayList<>();
    }

    private record HeldFrame(String epoch, long offset, String frame) {
    }

    /** Closes the socket with this reason, once; nothing more is sent to it. */
    void close(CloseReason reason) {
        if (closing.compareAndSet(false, true)) {
            connection.close(reason).subscribe().with(ok -> { }, failure -> { });
        }
    }
}
