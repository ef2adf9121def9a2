package dev.chat.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.model.protocol.ErrorCode;
import dev.chat.testing.DatabaseFingerprint;
import dev.chat.testing.RawHttp;
import dev.chat.testing.TestData;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sends fuzz cases and holds each answer to the rules of docs/reliability.md: never a 5xx; a refusal is
 * problem+json whose code is in the catalogue with exactly that status; and a refusal wrote nothing (every table of
 * the database, the outbox included, is as it was). Failures are collected, not thrown one by one, so one run shows
 * them all.
 */
public final class FuzzRunner implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HTTP_CODES = Arrays.stream(ErrorCode.values()).filter(ErrorCode::http)
            .map(ErrorCode::code).collect(Collectors.toSet());

    private final RawHttp http;
    private final Connection database;
    private final FuzzReport report;
    private final List<String> failures = new ArrayList<>();
    private Map<String, String> fingerprint;
    private long nextXid;

    public FuzzRunner(RawHttp http, FuzzReport report) {
        this.http = http;
        this.report = report;
        try {
            this.database = TestData.connect();
        } catch (SQLException e) {
            throw new IllegalStateException("connecting to the database", e);
        }
    }

    @Override
    public void close() throws SQLException {
        database.close();
    }

    public void run(FuzzCase fuzz) {
        if (fingerprint == null) {
            nextXid = DatabaseFingerprint.nextTransactionId(database);
            fingerprint = DatabaseFingerprint.take(database);
        }
        HttpResponse<String> response;
        try {
            response = http.sendBytes(fuzz.method(), fuzz.path(), fuzz.token(), fuzz.contentType(), fuzz.body(),
                    fuzz.headers());
        } catch (RuntimeException e) {
            failures.add(fuzz.describe() + " → no answer: " + e);
            report.count(fuzz.endpoint(), "no answer");
            return;
        }
        int status = response.statusCode();
        Optional<String> code = Optional.empty();
        if (status >= 400) {
            code = check(fuzz, response);
        }
        report.count(fuzz.endpoint(), status + code.map(c -> " " + c).orElse(""));
        long xid = DatabaseFingerprint.nextTransactionId(database);
        if (xid == nextXid) {
            return; // no transaction wrote anything
        }
        Map<String, String> after = DatabaseFingerprint.take(database);
        if (status >= 400 && !after.equals(fingerprint)) {
            failures.add(fuzz.describe() + " → " + status + " but wrote: " + changed(fingerprint, after));
        }
        fingerprint = after;
        nextXid = xid;
    }

    /** The test wrote to the database itself (a new fixture): what counts as unchanged is read again. */
    public void databaseChanged() {
        fingerprint = null;
    }

    /** Every rule broken so far, one line each. */
    public List<String> failures() {
        return failures;
    }

    private Optional<String> check(FuzzCase fuzz, HttpResponse<String> response) {
        int status = response.statusCode();
        String answer = fuzz.describe() + " → " + status + " " + abbreviate(response.body());
        if (status >= 500) {
            failures.add(answer);
        }
        if (!response.headers().firstValue("content-type").orElse("").startsWith("application/problem+json")) {
            failures.add(answer + " (not problem+json)");
            return Optional.empty();
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            String code = problem.path("code").asText();
            if (!HTTP_CODES.contains(code) || ErrorCode.valueOf(code.toUpperCase(Locale.ROOT)).status() != status
                    || problem.path("status").asInt() != status) {
                failures.add(answer + " (code and status do not match the catalogue)");
            }
            return Optional.of(code);
        } catch (IOException e) {
            failures.add(answer + " (body is not JSON)");
            return Optional.empty();
        }
    }

    private static String changed(Map<String, String> before, Map<String, String> after) {
        return after.keySet().stream().filter(table -> !after.get(table).equals(before.get(table)))
                .collect(Collectors.joining(", "));
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
