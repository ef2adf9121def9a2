package dev.chat.http.problems;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every request an id that follows it through the logs ({@code %X{request_id}} in the log format) and comes back
 * in the {@code X-Request-Id} response header: the caller's own (a proxy's or a client's, when it is a plain token of
 * at most 64 characters), or a new one. It runs first, so even a request refused for its size is answered with it.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    /** Before {@link RequestLimits}. */
    private static final int ORDER = RequestLimits.ORDER - 1;
    /** What may pass through into logs as it came: no spaces, quotes or control characters. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::assign);
    }

    private void assign(RoutingContext context) {
        String offered = context.request().getHeader(HEADER);
        String id = offered != null && ACCEPTED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        MDC.put(MDC_KEY, id);
        context.response().putHeader(HEADER, id);
        context.addEndHandler(done -> MDC.remove(MDC_KEY));
        context.next();
    }
}
