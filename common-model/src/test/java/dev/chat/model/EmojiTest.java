package dev.chat.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmojiTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "👍", "❤️", "🎉", "👍🏽", "👩‍💻", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇫🇷", "1️⃣", "#⃣", "©️", "⭐", "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
        ":thumbsup:", ":+1:", ":party-parrot:", ":white_check_mark:"})
    void acceptsAnEmojiOrAShortName(String reaction) {
        assertTrue(Emoji.valid(reaction), reaction);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "a", "ok", "👍 👍", " 👍", "👍\n", "\u200D", "\uFE0F", "🏽", "1", "#", ":", "::", ":Thumbs:",
        ":two words:", "thumbsup", ":x:y:", "<script>", "\u0000", "👍a", "\uD83D"})
    void refusesTextWhitespaceAndFragments(String reaction) {
        assertFalse(Emoji.valid(reaction), reaction);
    }

    @org.junit.jupiter.api.Test
    void refusesWhatIsTooLong() {
        assertTrue(Emoji.valid(":" + "a".repeat(62) + ":"));
        assertFalse(Emoji.valid(":" + "a".repeat(63) + ":"));
        assertFalse(Emoji.valid("👍".repeat(33)));
        assertFalse(Emoji.valid(null));
    }
}
