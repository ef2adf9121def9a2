package dev.chat.http.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.sqlclient.DatabaseException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void aTransactionPostgresAbortedToLetOthersGoOnIsARetryable503() {
        for (String sqlState : new String[] {"40P01", "40001"}) {
            Response response = mappers.database(failure(sqlState));
            assertEquals(503, response.getStatus(), sqlState);
            assertEquals("1", response.getHeaderString("Retry-After"), sqlState);
            assertEquals("try_again", ((Problem) response.getEntity()).code(), sqlState);
        }
    }

    @Test
    void anyOtherDatabaseFailureIsAnInternalError() {
        Response response = mappers.database(failure("23503"));
        assertEquals(500, response.getStatus());
        assertEquals("internal_error", ((Problem) response.getEntity()).code());
    }

    private static DatabaseException failure(String sqlState) {
        return new DatabaseException("failed (" + sqlState + ")", 0, sqlState, null) {
        };
    }
}
