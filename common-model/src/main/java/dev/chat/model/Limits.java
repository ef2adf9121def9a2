package dev.chat.model;

/** Validation limits shared by the API, the gateway and the JSON Schemas. */
public final class Limits {
    /** Longest message content, in characters (Slack's limit). Longer content is refused, never truncated. */
    public static final int MESSAGE_CONTENT_MAX_CHARS = 40_000;
    /** Longest client-chosen idempotency key. */
    public static final int CLIENT_MSG_ID_MAX_CHARS = 64;
    /** Longest client frame the gateway reads; a subscribe frame is far smaller. */
    public static final int CLIENT_FRAME_MAX_BYTES = 4_096;
    /** Longest channel slug (the database checks the same). */
    public static final int CHANNEL_SLUG_MAX_CHARS = 80;
    /** Replies per page when reading a thread or a timeline, at most. */
    public static final int PAGE_MAX_ITEMS = 100;
    /** Participant ids a thread root carries in timelines and events. */
    public static final int THREAD_PARTICIPANTS_SHOWN = 5;
    /** Different emoji one message may show (Slack's limit); reacting with one it shows already always works. */
    public static final int REACTION_EMOJI_PER_MESSAGE = 50;
    /** Largest channel {@code <!channel>} may notify. */
    public static final int CHANNEL_MENTION_MAX_MEMBERS = 500;
    /** Unread messages (and mentions) counted per channel at most; more reads as "99+". */
    public static final int UNREAD_COUNTED = 100;
    /** People a direct message is with, besides the one who opens it (Slack's group DMs hold nine in all). */
    public static final int DM_OTHERS_MAX = 8;

    private Limits() {
    }
}
