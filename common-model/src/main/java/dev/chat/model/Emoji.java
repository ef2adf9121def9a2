package dev.chat.model;

import java.util.regex.Pattern;

/**
 * What a reaction may be: a {@code :short_name:} (as Slack and Mattermost name emoji, custom ones included) or one
 * Unicode emoji sequence (a pictograph with its variation selector, skin tone, keycap, flag letters, tag letters or
 * zero-width joins). Anything else, text and whitespace above all, is refused, so a reaction can never carry a
 * message of its own. Stored as written: {@code :thumbsup:} and 👍 are two reactions.
 */
public final class Emoji {

    /** Longest reaction, in UTF-16 units: a long ZWJ family sequence fits; a sentence does not. */
    public static final int MAX_CHARS = 64;

    private static final Pattern SHORT_NAME = Pattern.compile(":[a-z0-9_+-]{1,62}:");

    private static final int ZERO_WIDTH_JOINER = 0x200D;
    private static final int VARIATION_SELECTOR_16 = 0xFE0F;
    private static final int COMBINING_KEYCAP = 0x20E3;

    private Emoji() {
    }

    public static boolean valid(String reaction) {
        if (reaction == null || reaction.isEmpty() || reaction.length() > MAX_CHARS) {
            return false;
        }
        return SHORT_NAME.matcher(reaction).matches() || sequence(reaction);
    }

    /** Pictographs joined by ZWJ, each with optional modifiers; or a keycap (0-9, #, * then FE0F? 20E3). */
    private static boolean sequence(String text) {
        int[] points = text.codePoints().toArray();
        boolean pictograph = false;
        for (int i = 0; i < points.length; i++) {
            int point = points[i];
            if (modifier(point)) {
                if (i == 0) {
                    return false;
                }
            } else if (pictographic(point)) {
                pictograph = true;
            } else if (keycapBase(point)) {
                int next = i + 1 < points.length && points[i + 1] == VARIATION_SELECTOR_16 ? i + 2 : i + 1;
                if (next >= points.length || points[next] != COMBINING_KEYCAP) {
                    return false;
                }
                pictograph = true;
                i = next;
            } else {
                return false;
            }
        }
        return pictograph;
    }

    private static boolean keycapBase(int point) {
        return (point >= '0' && point <= '9') || point == '#' || point == '*';
    }

    /** What may follow a pictograph: ZWJ, the emoji variation selector, skin tones, tag letters and their end. */
    private static boolean modifier(int point) {
        return point == ZERO_WIDTH_JOINER || point == VARIATION_SELECTOR_16
                || (point >= 0x1F3FB && point <= 0x1F3FF) || (point >= 0xE0020 && point <= 0xE007F);
    }

    /** The code points Unicode gives emoji presentation to, by block (pictographs, symbols, dingbats, flags). */
    private static boolean pictographic(int point) {
        return (point >= 0x1F000 && point <= 0x1FAFF)
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
