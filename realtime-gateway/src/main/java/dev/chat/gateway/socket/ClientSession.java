package dev.chat.gateway.socket;

import dev.chat.gateway.rooms.RoomMember;
import dev.chat.model.protocol.ErrorCode;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
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
 * One open socket: who it belongs to, the rooms it holds, and its send queue. Sends never wait: a socket whose
 * unwritten frames exceed the limit is closed as a slow consumer instead of slowing anyone else down.
 */
public final class ClientSession implements RoomMember {

    /** Policy violation: the client did not keep up with its frames. */
    static final CloseReason SLOW_CONSUMER = new CloseReason(1008, ErrorCode.SLOW_CONSUMER.code());

    private static final Logger LOG = Logger.getLogger(ClientSession.class);

    private final WebSocketConnection connection;
    private final UUID userId;
    private final int maxPendingFrames;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pendingFrames = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private CompletionStage<Void> lastCommand = CompletableFuture.completedFuture(null);

    ClientSession(WebSocketConnection connection, UUID userId, int maxPendingFrames) {
        this.connection = connection;
        this.userId = userId;
        this.maxPendingFrames = maxPendingFrames;
    }

    String id() {
        return connection.id();
    }

    /** The user's id, or null when the token's subject has no account (every subscription is then refused). */
    UUID userId() {
        return userId;
    }

    Set<String> rooms() {
        return rooms;
    }

    /** Queues a frame for this socket without waiting for it to be written. */
    @Override
    public void send(String frame) {
        if (closing.get()) {
            return;
        }
        if (pendingFrames.incrementAndGet() > maxPendingFrames) {
            closeAsSlowConsumer();
            return;
        }
        connection.sendText(frame).subscribe().with(
                written -> pendingFrames.decrementAndGet(),
                failure -> pendingFrames.decrementAndGet());
    }

    /** Runs this client's commands one after another, in the order they arrived. */
    synchronized void enqueue(Supplier<CompletionStage<Void>> command) {
        lastCommand = lastCommand.handle((ok, failure) -> null).thenCompose(ignored -> command.get());
    }

    boolean isClosing() {
        return closing.get();
    }

    void markClosed() {
        closing.set(true);
    }

    private void closeAsSlowConsumer() {
        LOG.infof("Closing socket %s of user %s: more than %d frames unwritten", id(), userId, maxPendingFrames);
        close(SLOW_CONSUMER);
    }

    /** Closes the socket with this reason, once; nothing more is sent to it. */
    void close(CloseReason reason) {
        if (closing.compareAndSet(false, true)) {
            connection.close(reason).subscribe().with(ok -> { }, failure -> { });
        }
    }
}
