package dev.chat.gateway.rooms;

/**
 * Reads an event frame's epoch and offset without parsing the frame. The relay renders every event frame from one
 * template ({@code ServerFrame.Event}: type, room, epoch, offset, event, in that order), and neither a room name nor
 * an epoch can hold the text {@code "epoch":"} or {@code "offset":}, so their first occurrences are the frame's own.
 */
public final class EventFrames {

    private static final String OFFSET = "\"offset\":";
    private static final String EPOCH = "\"epoch\":\"";
    /** The event object starts with its id (the envelope's first member), after the frame's own fields. */
    private static final String EVENT_ID = "\"event\":{\"id\":\"";

    private EventFrames() {
    }

    /** The id of the frame's event, or null when it has none; for logs. */
    public static String eventId(String frame) {
        return quotedValueAfter(frame, EVENT_ID);
    }

    /** The frame's epoch, or null when it has none. */
    public static String epoch(String frame) {
        return quotedValueAfter(frame, EPOCH);
    }

    private static String quotedValueAfter(String frame, String key) {
        int at = frame.indexOf(key);
        if (at < 0) {
            return null;
        }
        int start = at + key.length();
        int end = frame.indexOf('"', start);
        return end < 0 ? null : frame.substring(start, end);
    }

    /** The frame's offset, or -1 when it has none. */
    public static long offset(String frame) {
        int at = frame.indexOf(OFFSET);
        if (at < 0) {
            return -1;
        }
        long offset = 0;
        int digits = 0;
        for (int i = at + OFFSET.length(); i < frame.length() && digits < 19; i++, digits++) {
            char c = frame.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            offset = offset * 10 + (c - '0');
        }
        return digits == 0 ? -1 : offset;
    }
}
