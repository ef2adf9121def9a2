package dev.chat.model;

import java.util.Optional;

/**
 * What text shown to other people as a name or a one-line label may hold. A workspace or channel name must show at
 * least one visible character (a letter, digit, punctuation mark or symbol), so no name is blank to the eye (made of
 * spaces or zero-width characters only); names and labels (a topic) hold no control characters (line breaks, tabs,
 * escapes) and no bidirectional formatting characters (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which
 * can make a name display as another one ("gnp.exe" shown as "exe.png"). Message content is not a name: it may hold
 * any character a client can send.
 */
public final class DisplayText {

    private DisplayText() {
    }

    /** Why a name is refused, as the end of a sentence starting with the field ("… has no visible character"). */
    public static Optional<String> nameProblem(String name) {
        Optional<String> label = labelProblem(name);
        if (label.isPresent()) {
            return label;
        }
        boolean visible = name.codePoints().anyMatch(DisplayText::visible);
        return visible ? Optional.empty() : Optional.of("has no visible character");
    }

    /** Why a one-line label (which may be empty) is refused. */
    public static Optional<String> labelProblem(String label) {
        for (int i = 0; i < label.length(); ) {
            int c = label.codePointAt(i);
            if (Character.getType(c) == Character.CONTROL) {
                return Optional.of("holds a control character (" + hex(c) + ")");
            }
            if (bidiControl(c)) {
                return Optional.of("holds a bidirectional formatting character (" + hex(c) + ")");
            }
            i += Character.charCount(c);
        }
        return Optional.empty();
    }

    private static boolean bidiControl(int c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    private static boolean visible(int c) {
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                 Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                 Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                 Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    private static String hex(int c) {
        return String.format("U+%04X", c);
    }
}
