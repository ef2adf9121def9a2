package dev.chat.gateway.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class EventFramesTest {

    /** As the relay renders a frame (docs/protocol.md, "Server → client"). */
    private static final String FRAME = "{\"type\":\"event\",\"room\":\"channel:01a21182-1446-7467-b1ca-6a8e1bddfa8d\","
            + "\"epoch\":\"9f2c41d07a3b\",\"offset\":42,\"event\":{\"id\":\"01a21182-1447-791f-be2e-6fc92415d83a\","
            + "\"type\":\"message.created\",\"payload\":{\"id\":\"x\",\"content\":\"\\\"offset\\\":7 \\\"epoch\\\":\\\"y\\\"\"}}}";

    @Test
    void readsTheFramesOwnPositionAndEventIdNotTextInsideTheEvent() {
        assertEquals("9f2c41d07a3b", EventFrames.epoch(FRAME));
        assertEquals(42, EventFrames.offset(FRAME));
        assertEquals("01a21182-1447-791f-be2e-6fc92415d83a", EventFrames.eventId(FRAME));
    }

    @Test
    void aFrameWithoutThemHasNone() {
        String pong = "{\"type\":\"pong\"}";
        assertNull(EventFrames.epoch(pong));
        assertEquals(-1, EventFrames.offset(pong));
        assertNull(EventFrames.eventId(pong));
    }
}
