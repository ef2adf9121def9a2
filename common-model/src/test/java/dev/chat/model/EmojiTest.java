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
        ":two words:", "thumbsup", ":x:y:", "<script>", "\u0000", "👍a", "\uD83D", "👍👍", "🇭🇪🇱🇵", "🇫",
        "👍\uDB40\uDC68\uDB40\uDC69", "🏴\uDB40\uDC67", "👩‍", "‍👩", "1⃣1⃣"})
    void refusesTextRunsAndFragments(String reaction) {
        assertFalse(Emoji.valid(reaction), reaction);
    }

    @org.junit.jupiter.api.Test
    void refusesWhatIsTooLong() {
        assertTrue(Emoji.valid(":" + "a".repeat(62) + ":"));
        assertFalse(Emoji.valid(":" + "a".repeat(63) + ":"));
        assertFalse(Emoji.valid("👍".repeat(2)), "two emoji are not one reaction");
        assertTrue(Emoji.valid("👨‍👩‍👧‍👦"), "a family is one, joined");
        assertFalse(Emoji.valid(null));
    }
}
