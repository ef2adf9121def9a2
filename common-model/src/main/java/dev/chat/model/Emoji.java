package dev.chat.model;

import java.util.regex.Pattern;

/**
 * What a reaction may be: a {@code :short_name:} (as Slack and Mattermost name emoji, custom ones included) or one
 * Unicode emoji: a pictograph with its variation selector and skin tone, a flag (two regional indicators), a
 * subdivision flag (🏴 and its tag letters), a keycap, or such emoji joined into one by zero-width joiners (👩‍💻).
 * Anything else is refused, runs of emoji and letters spelled with flag or tag characters included, so a reaction can
 * never carry a message of its own. Stored as written: {@code :thumbsup:} and 👍 are two reactions.
 */
public final class Emoji {

    /** Longest reaction, in UTF-16 units: the longest joined emoji fit; a sentence does not. */
    public static final int MAX_CHARS = 64;
    /** Emoji one zero-width-joined sequence may join (families have up to seven). */
    private static final int MAX_JOINED = 8;

    private static final Pattern SHORT_NAME = Pattern.compile(":[a-z0-9_+-]{1,62}:");

    private static final int ZERO_WIDTH_JOINER = 0x200D;
    private static final int VARIATION_SELECTOR_16 = 0xFE0F;
    private static final int COMBINING_KEYCAP = 0x20E3;
    private static final int BLACK_FLAG = 0x1F3F4;
    private static final int CANCEL_TAG = 0xE007F;

    private Emoji() {
    }

    public static boolean valid(String reaction) {
        if (reaction == null || reaction.isEmpty() || reaction.length() > MAX_CHARS) {
            return false;
        }
        return SHORT_NAME.matcher(reaction).matches() || oneEmoji(reaction.codePoints().toArray());
    }

    /** Elements joined by ZWJ, nothing before, between or after them. */
    private static boolean oneEmoji(int[] points) {
        int i = 0;
        for (int joined = 1; joined <= MAX_JOINED; joined++) {
            i = element(points, i);
            if (i < 0) {
                return false;
            }
            if (i == points.length) {
                return true;
            }
            if (points[i] != ZERO_WIDTH_JOINER) {
                return false;
            }
            i++;
        }
        return false;
    }

    /** @return where the element starting at {@code i} ends, or -1 if none starts there */
    private static int element(int[] points, int i) {
        if (i >= points.length) {
            return -1;
        }
        int point = points[i];
        if (regionalIndicator(point)) {
            return i + 1 < points.length && regionalIndicator(points[i + 1]) ? i + 2 : -1;
        }
        if (keycapBase(point)) {
            int next = at(points, i + 1) == VARIATION_SELECTOR_16 ? i + 2 : i + 1;
            return at(points, next) == COMBINING_KEYCAP ? next + 1 : -1;
        }
        if (!pictographic(point)) {
            return -1;
        }
        int next = i + 1;
        if (point == BLACK_FLAG && tag(at(points, next))) {
            while (tag(at(points, next))) {
                next++;
            }
            return at(points, next) == CANCEL_TAG ? next + 1 : -1;
        }
        if (at(points, next) == VARIATION_SELECTOR_16) {
            next++;
        }
        if (skinTone(at(points, next))) {
            next++;
        }
        return next;
    }

    private static int at(int[] points, int i) {
        return i < points.length ? points[i] : -1;
    }

    private static boolean keycapBase(int point) {
        return (point >= '0' && point <= '9') || point == '#' || point == '*';
    }

    private static boolean regionalIndicator(int point) {
        return point >= 0x1F1E6 && point <= 0x1F1FF;
    }

    private static boolean skinTone(int point) {
        return point >= 0x1F3FB && point <= 0x1F3FF;
    }

    /** A tag letter or digit of a subdivision flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿). */
    private static boolean tag(int point) {
        return point >= 0xE0020 && point <= 0xE007E;
    }

    /** The code points Unicode gives emoji presentation to, by block (pictographs, symbols, dingbats). */
    private static boolean pictographic(int point) {
        return (point >= 0x1F000 && point <= 0x1FAFF && !regionalIndicator(point) && !skinTone(point))
                || (point >= 0x2600 && point <= 0x27BF)
                || (point >= 0x2190 && point <= 0x21FF)
                || (point >= 0x2300 && point <= 0x23FF)
                || (point >= 0x2B00 && point <= 0x2BFF)
                || (point >= 0x25A0 && point <= 0x25FF)
                || (point >= 0x2900 && point <= 0x297F)
                || point == 0x00A9 || point == 0x00AE || point == 0x203C || point == 0x2049 || point == 0x2122
                || point == 0x2139 || point == 0x24C2 || point == 0x3030 || point == 0x303D || point == 0x3297
                || point == 0x3299;
    }
}
