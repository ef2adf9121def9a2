package dev.chat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plans PostgreSQL makes for a service's own statement text ({@code $1}-style parameters, as the reactive client
 * sends it), so tests can show that a query is served by indexes whatever the size of the tables. Sequential scans
 * are switched off for the session: a plan that still has one has no index to use.
 */
public final class QueryPlans {

    private static final Pattern SEQ_SCAN = Pattern.compile("Seq Scan on (\\w+)");
    private static final Pattern FUNCTION_SCAN = Pattern.compile("Function Scan on (\\w+)");

    private QueryPlans() {
    }

    /**
     * Plans {@code sql} with these SQL literals as its parameters, both as PostgreSQL plans a statement's first
     * executions (custom plan) and as it may plan it once cached (generic plan), and returns both plans' text.
     */
    public static List<String> plans(String sql, String... literals) {
        List<String> plans = new ArrayList<>();
        for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
            try (Connection connection = TestData.connect(); Statement statement = connection.createStatement()) {
                statement.execute("SET enable_seqscan = off");
                statement.execute("SET plan_cache_mode = " + mode);
                statement.execute("PREPARE planned AS " + sql);
                StringBuilder plan = new StringBuilder(mode).append('\n');
                try (ResultSet rows = statement.executeQuery(
                        "EXPLAIN EXECUTE planned(" + String.join(", ", literals) + ")")) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                plans.add(plan.toString());
            } catch (SQLException e) {
                throw new IllegalStateException(sql, e);
            }
        }
        return plans;
    }

    /**
     * Fails unless every plan reads only through indexes and has the read rule's functions (readable_…) inlined,
     * none called as a black box.
     */
    public static void assertIndexDriven(List<String> plans) {
        for (String plan : plans) {
            assertEquals(List.of(), sequentiallyScanned(plan), plan);
            assertEquals(List.of(), functionScans(plan).stream().filter(f -> f.startsWith("readable")).toList(), plan);
        }
    }

    /** The tables a plan reads by a sequential scan. */
    public static List<String> sequentiallyScanned(String plan) {
        return all(SEQ_SCAN.matcher(plan));
    }

    /** The functions a plan calls as a function scan (a set-returning SQL function that was inlined is not one). */
    public static List<String> functionScans(String plan) {
        return all(FUNCTION_SCAN.matcher(plan));
    }

    private static List<String> all(Matcher matcher) {
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
