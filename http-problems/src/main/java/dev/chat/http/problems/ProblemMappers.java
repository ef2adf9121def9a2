package dev.chat.http.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.chat.model.protocol.ErrorCode;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become responses: every error leaves as application/problem+json with a stable
 * {@code code}, and never with a class name or a stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** The problem member that says after how many seconds a refused request may succeed. */
    public static final String RETRY_AFTER = "retry_after";

    /** serialization_failure and deadlock_detected. */
    private static final Set<String> RETRYABLE_SQLSTATES = Set.of("40001", "40P01");
    /**
     * The server is going away or not there yet (admin_shutdown, crash_shutdown, cannot_connect_now); class 08 is
     * a connection exception.
     */
    private static final Set<String> UNAVAILABLE_SQLSTATES = Set.of("57P01", "57P02", "57P03");

    /** A refusal of ours; one that names a {@code retry_after} (seconds) says it in the header clients know, too. */
    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        Response response = problem(Problem.of(e.code(), e.getMessage(), e.extensions()));
        Object retryAfter = e.extensions().get(RETRY_AFTER);
        return retryAfter == null ? response
                : Response.fromResponse(response).header("Retry-After", String.valueOf(retryAfter)).build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated() {
        return problem(Problem.of(ErrorCode.UNAUTHENTICATED, "A valid bearer token is required."));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(Problem.of(ErrorCode.FORBIDDEN, "You may not do this."));
    }

    // Listed explicitly so that ours wins over Quarkus' built-in mapper for MismatchedInputException.
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
    public Response badJson(JsonProcessingException e) {
        return problem(JsonProblems.of(e));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json);
        }
        if (e.getCause() instanceof ApiException refusal) { // a parameter that did not parse (StrictParameters)
            return apiException(refusal);
        }
        ErrorCode code = switch (status) {
            case 400 -> ErrorCode.VALIDATION_FAILED;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.CONTENT_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> null;
        };
        if (code == null) {
            return unexpected(e); // a status the catalogue has no code for is a failure of ours
        }
        return problem(Problem.of(code, e.getResponse().getStatusInfo().getReasonPhrase() + "."));
    }

    /**
     * PostgreSQL gave up on the transaction so that others could go on (a deadlock or a serialization failure): it
     * wrote nothing, and the same request succeeds when sent again, so the client is told to retry, not that the
     * server broke. A server that is going away or unreachable is {@link #databaseUnavailable}; any other database
     * failure is unexpected.
     */
    @ServerExceptionMapper
    public Response database(DatabaseException e) {
        String state = String.valueOf(e.getSqlState());
        if (UNAVAILABLE_SQLSTATES.contains(state) || state.startsWith("08")) {
            return databaseUnavailable(e);
        }
        if (!RETRYABLE_SQLSTATES.contains(state)) {
            return unexpected(e);
        }
        LOG.warnf("Transaction aborted by PostgreSQL, the client may retry: %s (%s)", e.getMessage(), e.getSqlState());
        return tryAgain("The request met concurrent changes and wrote nothing; send it again.");
    }

    /**
     * The database could not be reached, or the connection broke, before the request was answered: what it was doing
     * either committed or did not. A message sent again with the same {@code client_msg_id} is stored once; other
     * writes sent again may find their first attempt done (e.g. {@code channel_exists}) or, for invite links, make a
     * second one.
     */
    @ServerExceptionMapper({ClosedConnectionException.class, ConnectException.class})
    public Response databaseUnavailable(Exception e) {
        LOG.warnf("Database unavailable, the client may retry: %s", e.toString());
        return tryAgain("The database is briefly unavailable; send the request again.");
    }

    private static Response tryAgain(String detail) {
        Problem problem = Problem.of(ErrorCode.TRY_AGAIN, detail);
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).header("Retry-After", "1").entity(problem)
                .build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        LOG.error("Unhandled failure", e);
        return problem(Problem.of(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side; it has been logged."));
    }

    static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
