package dev.chat.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.model.Limits;
import dev.chat.testing.ChatTestResource;
import dev.chat.testing.RawSocket;
import dev.chat.testing.TestData;
import dev.chat.testing.Tokens;
import dev.chat.testing.fuzz.Mutations;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Hostile frames, generated from valid commands by the same mutations as the REST fuzz (deterministic by
 * {@code -Dfuzz.seed}, {@code -Dfuzz.random} random edits per command): every text frame the protocol reads is
 * answered with exactly one frame of a known type and the socket stays open; a frame over the limit, one that is not
 * UTF-8 (or holds U+FFFD) and a binary one close it with 1009, 1007 and 1003 (docs/protocol.md, "Closing").
 */
@QuarkusTest
@WithTestResource(value = ChatTestResource.class, initArgs = @ResourceArg(name = ChatTestResource.MIGRATE, value = "true"))
class ProtocolFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261205L);
    private static final int RANDOM_EDITS = Integer.getInteger("fuzz.random", 250);
    private static final Set<String> ANSWERS = Set.of("error", "subscribed", "unsubscribed", "pong");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/ws")
    URI wsUri;

    @Test
    void everyFrameIsAnsweredOrClosesWithItsCode() throws IOException {
        UUID workspace = TestData.workspace();
        UUID general = TestData.channel(workspace, "general", "public");
        String subject = TestData.newSubject("fuzz");
        TestData.activeMember(workspace, TestData.user(subject), "member");
        String token = Tokens.forSubject(subject);
        String room = "\"channel:" + general + "\"";
        List<Map<String, String>> commands = List.of(Mutations.fields("op", "\"ping\""),
                Mutations.fields("op", "\"subscribe\"", "room", room),
                Mutations.fields("op", "\"unsubscribe\"", "room", room),
                Mutations.fields("op", "\"subscribe\"", "room", room, "since", "{\"epoch\":\"e1\",\"offset\":3}"));

        Random random = new Random(SEED);
        Map<String, Map<String, Integer>> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        RawSocket socket = RawSocket.connect(ws(), token);
        try {
            for (Map<String, String> command : commands) {
                for (Map.Entry<String, List<byte[]>> kind : Mutations.bodies(command, random, RANDOM_EDITS)
                        .entrySet()) {
                    for (byte[] frame : kind.getValue()) {
                        String outcome = exchange(socket, frame);
                        String expected = expected(frame);
                        if (!outcome.equals(expected)) {
                            failures.add(kind.getKey() + ": " + shown(frame) + " → " + outcome + ", expected "
                                    + expected);
                        }
                        outcomes.computeIfAbsent(kind.getKey(), k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
                        if (outcome.startsWith("closed")) {
                            socket.close();
                            socket = RawSocket.connect(ws(), token);
                        }
                    }
                }
            }
            socket.send(RawSocket.BINARY, new byte[] {1, 2, 3});
            RawSocket.Frame close = socket.nextData();
            String binary = close == null ? "no answer" : "closed " + close.closeCode();
            outcomes.computeIfAbsent("binary frame", k -> new TreeMap<>()).merge(binary, 1, Integer::sum);
            assertEquals("closed 1003", binary);
        } finally {
            socket.close();
        }
        String report = report(outcomes);
        Files.createDirectories(Path.of("target", "fuzz"));
        Files.writeString(Path.of("target", "fuzz", "realtime-gateway.md"), report);
        System.out.println(report);
        assertEquals(List.of(), failures, String.join("\n", failures));
        assertTrue(outcomes.values().stream().flatMap(m -> m.values().stream()).mapToInt(i -> i).sum() >= 1_000);
    }

    /** What the protocol says this frame gets. */
    private static String expected(byte[] frame) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(frame)).toString();
        } catch (CharacterCodingException e) {
            return frame.length > Limits.CLIENT_FRAME_MAX_BYTES ? "closed 1009" : "closed 1007";
        }
        if (frame.length > Limits.CLIENT_FRAME_MAX_BYTES) {
            return "closed 1009";
        }
        return text.indexOf('\uFFFD') >= 0 ? "closed 1007" : "answered";
    }

    /** Sends one text frame and reads what comes back: one answer of a known type, or a close. */
    private static String exchange(RawSocket socket, byte[] frame) {
        socket.send(RawSocket.TEXT, frame);
        RawSocket.Frame answer = socket.nextData();
        if (answer == null) {
            return "no answer";
        }
        if (answer.opcode() == RawSocket.CLOSE) {
            return "closed " + answer.closeCode();
        }
        try {
            JsonNode node = JSON.readTree(answer.text());
            return ANSWERS.contains(node.path("type").asText()) ? "answered" : "unknown answer " + answer.text();
        } catch (IOException e) {
            return "answer not JSON: " + answer.text();
        }
    }

    private static String report(Map<String, Map<String, Integer>> outcomes) {
        int total = outcomes.values().stream().flatMap(m -> m.values().stream()).mapToInt(i -> i).sum();
        StringBuilder table = new StringBuilder("### realtime-gateway frames (seed " + SEED + ", " + total
                + " frames)\n\n| kind | frames | outcomes |\n|---|---|---|\n");
        outcomes.forEach((kind, counts) -> table.append("| ").append(kind).append(" | ")
                .append(counts.values().stream().mapToInt(i -> i).sum()).append(" | ").append(counts.toString()
                        .replaceAll("[{}]", "").replace("=", " ×")).append(" |\n"));
        return table.toString();
    }

    private static String shown(byte[] frame) {
        String text = new String(frame, StandardCharsets.UTF_8);
        return text.length() > 120 ? text.substring(0, 120) + "…(" + frame.length + " bytes)" : text;
    }


    private URI ws() {
        return URI.create(wsUri.toString().replaceFirst("^http", "ws"));
    }
}
