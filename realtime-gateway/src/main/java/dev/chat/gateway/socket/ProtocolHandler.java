package dev.chat.gateway.socket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.gateway.GatewayConfig;
import dev.chat.gateway.access.RoomAuthorizer;
import dev.chat.gateway.redis.RedisRoomFeed;
import dev.chat.gateway.redis.RoomPosition;
import dev.chat.gateway.rooms.LocalRooms;
import dev.chat.model.Room;
import dev.chat.model.protocol.ClientFrame;
import dev.chat.model.protocol.ErrorCode;
import dev.chat.model.protocol.ServerFrame;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.ServerWebSocket;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/** The gateway's side of the protocol in docs/protocol.md: sessions, subscribe, unsubscribe and ping. */
@ApplicationScoped
public class ProtocolHandler {

    private static final Logger LOG = Logger.getLogger(ProtocolHandler.class);
    /**
     * The gateway lost its Redis subscriber connection: events published meanwhile will not reach this socket, so
     * the client must resume, which replays them from the room's history (or says it cannot).
     */
    static final CloseReason FEED_LOST = new CloseReason(1012, "Event feed interrupted: reconnect and resume.");
    /** 1013 "Try Again Later": the gateway has no event feed to serve a new socket from. */
    static final CloseReason NO_FEED = new CloseReason(1013, "No event feed: try again later.");

    private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
    private final ObjectMapper json;
    private final RoomAuthorizer authorizer;
    private final LocalRooms rooms;
    private final RoomPosition positions;
    private final RedisRoomFeed feed;
    private final SocketMetrics metrics;
    private final int maxPendingFrames;
    private final int maxReplay;
    /** Set once the gateway is draining: new sockets are closed with it at once. */
    private volatile CloseReason refusal;

    public ProtocolHandler(ObjectMapper json, RoomAuthorizer authorizer, LocalRooms rooms, RoomPosition positions,
                           RedisRoomFeed feed, SocketMetrics metrics, GatewayConfig config) {
        this.json = json;
        this.authorizer = authorizer;
        this.rooms = rooms;
        this.positions = positions;
        this.feed = feed;
        this.metrics = metrics;
        feed.onLost(this::feedLost);
        metrics.observe(this, rooms);
        this.maxPendingFrames = config.maxPendingFrames();
        this.maxReplay = config.maxReplay();
    }

    /**
     * A socket whose upgrade passed {@link SocketUpgrade}'s checks. Closed at once with 1012 while the gateway drains,
     * with 1013 while it has no event feed; otherwise its frames are read from now on.
     */
    void open(ServerWebSocket socket, String subject, UUID userId, long tokenExpiresAtMillis) {
        CloseReason refused = refusal != null ? refusal : feed.isConnected() ? null : NO_FEED;
        if (refused != null) {
            socket.close((short) refused.code(), refused.message());
            return;
        }
        // The event loop's own context: Vert.x runs each request on a duplicate of it, one per socket, and frames are
        // handed to each event loop once (LocalRooms), not once per socket.
        Context eventLoop = ((ContextInternal) Vertx.currentContext()).unwrap();
        ClientSession session = new ClientSession(socket, eventLoop, subject, userId, tokenExpiresAtMillis,
                maxPendingFrames, metrics);
        sessions.add(session);
        socket.textMessageHandler(text -> {
            try {
                receive(session, text);
            } catch (RuntimeException failure) {
                fail(session, failure);
            }
        });
        socket.binaryMessageHandler(data -> session.close(FrameLimits.BINARY));
        socket.pongHandler(data -> session.heard());
        socket.exceptionHandler(failure -> fail(session, failure));
        socket.closeHandler(ignored -> close(session));
    }

    private void receive(ClientSession session, String text) {
        session.heard();
        Optional<CloseReason> violation = FrameLimits.violation(text);
        if (violation.isPresent()) {
            session.close(violation.get());
            return;
        }
        ClientFrame frame = parse(text);
        if (frame == null) {
            reply(session, new ServerFrame.Error(null, ErrorCode.VALIDATION_FAILED,
                    "A frame is one JSON object with the fields the protocol names (op, room, since)."));
            return;
        }
        String op = frame.op() == null ? "" : frame.op();
        switch (op) {
            case "ping" -> reply(session, ServerFrame.Pong.INSTANCE);
            case "subscribe" -> withRoom(session, frame, room -> subscribe(session, room, frame.since()));
            case "unsubscribe" -> withRoom(session, frame, room -> unsubscribe(session, room));
            default -> reply(session, new ServerFrame.Error(frame.room(), ErrorCode.UNKNOWN_OP,
                    "Unknown op '" + op + "': use subscribe, unsubscribe or ping."));
        }
    }

    /** The command, or null when the text is not one the protocol reads. */
    private ClientFrame parse(String text) {
        try {
            return json.readValue(text, ClientFrame.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The connection failed below the protocol: a message over the transport's limit, or anything unexpected. */
    private void fail(ClientSession session, Throwable failure) {
        if (failure instanceof HttpClosedException) {
            return; // the peer went away without a close frame: nothing to answer
        }
        CloseReason reason = FrameLimits.forFailure(failure);
        if (reason.code() != FrameLimits.TOO_LARGE.code()) {
            LOG.warnf("Socket %s failed: %s", session.id(), failure.toString());
        }
        session.close(reason);
    }

    private void close(ClientSession session) {
        if (sessions.remove(session)) {
            session.markClosed();
            for (String room : List.copyOf(session.rooms())) {
                leaveRoom(session, room);
            }
        }
    }

    private void feedLost() {
        LOG.warnf("Closing %d sockets: the event feed was interrupted", sessions.size());
        for (ClientSession session : sessions) {
            session.close(FEED_LOST);
        }
    }

    /** From now on every new socket is closed at once with this reason. */
    void refuseNewSockets(CloseReason reason) {
        refusal = reason;
    }

    /** Every socket that is open now. */
    Collection<ClientSession> sessions() {
        return sessions;
    }

    /** Takes the room away from a socket whose user may no longer read it, and tells the client why. */
    void revoke(ClientSession session, String room) {
        session.enqueue(() -> {
            if (leaveRoom(session, room)) {
                reply(session, new ServerFrame.Error(room, ErrorCode.FORBIDDEN, "Your access to this room has ended."));
            }
            return CompletableFuture.completedFuture(null);
        });
    }

    private void withRoom(ClientSession session, ClientFrame frame,
                          java.util.function.Function<Room, CompletionStage<Void>> command) {
        Optional<Room> room = Room.parse(frame.room());
        if (room.isEmpty()) {
            reply(session, new ServerFrame.Error(frame.room(), ErrorCode.INVALID_ROOM,
                    "A room is workspace:, channel:, thread: or user: followed by an id."));
            return;
        }
        session.enqueue(() -> command.apply(room.get()));
    }

    /** The socket's account, looked up again while its subject had none (it may have been made since). */
    private Uni<Optional<UUID>> account(ClientSession session) {
        if (session.userId() != null) {
            return Uni.createFrom().item(Optional.of(session.userId()));
        }
        return authorizer.userIdForSubject(session.subject()).invoke(found -> found.ifPresent(session::knownAs));
    }

    /**
     * Authorizes, joins the room (live frames held back meanwhile), reads its position and, with {@code since}, what
     * the client missed; answers {@code subscribed}, then the missed frames, then the live ones past them
     * (docs/protocol.md, "Resuming").
     */
    private CompletionStage<Void> subscribe(ClientSession session, Room room, ClientFrame.Since since) {
        String name = room.toString();
        Uni<Boolean> allowed = account(session).chain(userId -> userId.isEmpty() ? Uni.createFrom().item(false)
                : authorizer.maySubscribe(userId.get(), room));
        return allowed.subscribeAsCompletionStage().thenCompose(permitted -> {
            if (!permitted) {
                metrics.subscriptionRefused();
                reply(session, new ServerFrame.Error(name, ErrorCode.FORBIDDEN, "You may not subscribe to this room."));
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (session.isClosing()) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            session.hold(name);
            return rooms.join(name, session).thenCompose(joined -> {
                if (session.isClosing()) {
                    // Closed while joining: its close may have run before the join and missed this room.
                    leaveRoom(session, name);
                    return CompletableFuture.<Void>completedFuture(null);
                }
                return answer(session, name, since);
            });
        }).exceptionally(failure -> {
            leaveRoom(session, name);
            LOG.warnf("Subscribing socket %s to %s failed: %s", session.id(), name, failure.getMessage());
            reply(session, new ServerFrame.Error(name, ErrorCode.UNAVAILABLE, "Try again shortly."));
            return null;
        });
    }

    /** Reads the joined room's position and what the client missed, and answers {@code subscribed}, then those. */
    private CompletionStage<Void> answer(ClientSession session, String name, ClientFrame.Since since) {
        return positions.resume(name, since, maxReplay).subscribeAsCompletionStage().thenAccept(resumption -> {
            RoomPosition.Position now = resumption.position();
            if (since != null) {
                metrics.resumed(resumption.recovered());
            }
            reply(session, new ServerFrame.Subscribed(name, now.epoch(), now.offset(),
                    since == null ? null : resumption.recovered()));
            session.answered(name, now.epoch(), now.last(), resumption.missed());
        });
    }

    private CompletionStage<Void> unsubscribe(ClientSession session, Room room) {
        String name = room.toString();
        leaveRoom(session, name);
        reply(session, new ServerFrame.Unsubscribed(name));
        return CompletableFuture.completedFuture(null);
    }

    /** Takes the room from the socket and the socket from the room; @return whether the socket held it. */
    private boolean leaveRoom(ClientSession session, String room) {
        if (!session.leave(room)) {
            return false;
        }
        rooms.leave(room, session);
        return true;
    }

    private void reply(ClientSession session, Object frame) {
        try {
            session.write(json.writeValueAsString(frame));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("server frames are always serializable", e);
        }
    }
}
