package dev.chat.relay.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.model.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * The event frame as {@link ServerFrame.Event} renders it, cut into the literal text around its four values: room,
 * epoch, offset and event. The publish script, which learns the epoch and offset only inside Redis, joins the five
 * parts and the values; so the frame's format is defined once, by the record, and the script only fills it in.
 */
final class EventFrameTemplate {

    private static final String ROOM = "room@@";
    private static final String EPOCH = "epoch@@";
    private static final long OFFSET = Long.MIN_VALUE;
    private static final String EVENT = "\"event@@\"";

    private EventFrameTemplate() {
    }

    /** The five literal parts: before the room, between room and epoch, epoch and offset, offset and event, after. */
    static List<String> parts(ObjectMapper json) {
        String rendered;
        try {
            rendered = json.writeValueAsString(new ServerFrame.Event(ROOM, EPOCH, OFFSET, EVENT));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the event frame does not render", e);
        }
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (String value : List.of(ROOM, EPOCH, String.valueOf(OFFSET), EVENT)) {
            int at = rendered.indexOf(value, from);
            if (at < 0) {
                throw new IllegalStateException("the event frame's values are not in the order the script fills them: "
                        + rendered);
            }
            parts.add(rendered.substring(from, at));
            from = at + value.length();
        }
        parts.add(rendered.substring(from));
        return List.copyOf(parts);
    }
}
