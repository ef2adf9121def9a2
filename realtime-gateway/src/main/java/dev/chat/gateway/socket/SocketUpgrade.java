package dev.chat.gateway.socket;

import dev.chat.gateway.GatewayConfig;
import dev.chat.gateway.access.RoomAuthorizer;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * {@code /ws}: checks an upgrade request before any socket exists (an allowed Origin, else 403; a valid bearer token,
 * else 401), looks the token's account up, and only then upgrades. The socket keeps the token's subject, the user's
 * id and the token's expiry, nothing else of the handshake (docs/decisions/0013-gateway-sockets-on-vertx.md).
 */
@ApplicationScoped
public class SocketUpgrade {

    static final String PATH = "/ws";
    /** The identity attribute in which Quarkus OIDC keeps the token's {@code exp}. */
    private static final String EXPIRE_TIME = "quarkus.identity.expire-time";
    private static final Logger LOG = Logger.getLogger(SocketUpgrade.class);

    private final TenantIdentityProvider identities;
    private final RoomAuthorizer authorizer;
    private final ProtocolHandler protocol;
    private final Set<String> allowedOrigins;

    public SocketUpgrade(TenantIdentityProvider identities, RoomAuthorizer authorizer, ProtocolHandler protocol,
                         GatewayConfig config) {
        this.identities = identities;
        this.authorizer = authorizer;
        this.protocol = protocol;
        this.allowedOrigins = Set.copyOf(config.allowedOrigins());
    }

    void route(@Observes Router router) {
        router.get(PATH).handler(this::handshake);
    }

    private void handshake(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            routing.response().setStatusCode(400).end("This address takes WebSocket upgrades only.");
            return;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !allowedOrigins.contains(origin)) {
            routing.response().setStatusCode(403).end();
            return;
        }
        Optional<String> token = BearerToken.from(request.headers());
        if (token.isEmpty()) {
            unauthorized(routing);
            return;
        }
        // Held until the checks below are done: the upgrade needs the request's end, which must not pass unseen.
        request.pause();
        Context context = Vertx.currentContext();
        identities.authenticate(new AccessTokenCredential(token.get()))
                .chain(identity -> authorizer.userIdForSubject(identity.getPrincipal().getName())
                        .map(userId -> new Account(identity.getPrincipal().getName(), userId.orElse(null),
                                expiresAtMillis(identity))))
                .subscribe().with(
                        account -> context.runOnContext(ignored -> upgrade(request, account)),
                        failure -> context.runOnContext(ignored -> refuse(routing, failure)));
    }

    private void upgrade(HttpServerRequest request, Account account) {
        request.toWebSocket().onComplete(upgraded -> {
            if (upgraded.succeeded()) {
                ServerWebSocket socket = upgraded.result();
                // Vert.x keeps the upgrade's headers for the socket's life: the token among them, and bytes per socket.
                socket.headers().clear();
                protocol.open(socket, account.subject(), account.userId(), account.expiresAtMillis());
            } else {
                LOG.debugf("Upgrade failed: %s", upgraded.cause().getMessage());
                if (!request.response().ended() && !request.response().headWritten()) {
                    request.response().setStatusCode(400).end();
                }
            }
        });
    }

    private void refuse(RoutingContext routing, Throwable failure) {
        if (failure instanceof AuthenticationFailedException) {
            unauthorized(routing);
            return;
        }
        LOG.warnf("Checking an upgrade failed: %s", failure.toString());
        routing.response().setStatusCode(503).end();
    }

    private static void unauthorized(RoutingContext routing) {
        routing.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer").end();
    }

    /**
     * When the token stops being valid, in epoch milliseconds: Quarkus OIDC records its {@code exp} (in seconds) on
     * the identity. A token without one is refused by the OIDC settings before it gets here.
     */
    private static long expiresAtMillis(SecurityIdentity identity) {
        Object exp = identity.getAttribute(EXPIRE_TIME);
        return exp instanceof Number seconds ? seconds.longValue() * 1000 : Long.MAX_VALUE;
    }

    /**
     * Who the token is: its subject, the user's id once their account exists (null before), and when the token
     * expires.
     */
    private record Account(String subject, UUID userId, long expiresAtMillis) {
    }
}
