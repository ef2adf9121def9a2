package dev.chat.model;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the channel tags ({@code #slug}) in a message's content: the grammar clients and server share
 * (docs/protocol.md, "Channel tags").
 * <ul>
 *   <li>A tag is {@code #} and a channel slug: a letter or digit, then letters, digits, {@code _} or {@code -},
 *       at most {@value Limits#CHANNEL_SLUG_MAX_CHARS} characters in all. Letters are matched without regard to
 *       case and returned in lower case, as slugs are stored.</li>
 *   <li>The {@code #} must start the text or follow a character that is not a letter, digit, {@code _}, {@code &},
 *       {@code /}, {@code #} or {@code \} (so {@code C#}, {@code &#35;}, {@code a/#b} and {@code \#x} are not tags),
 *       and the slug must end where the text or a character outside the slug alphabet does.</li>
 *   <li>Nothing inside code is a tag: fenced blocks ({@code ```…```}, unclosed ones to the end of the text) and
 *       inline spans (a run of backticks up to the next run of the same length).</li>
 *   <li>Nothing inside a URL is a tag: from a scheme ({@code https://}, {@code mailto:} is not a URL here) or
 *       {@code www.} to the next whitespace, and {@code <…>} autolinks.</li>
 *   <li>Each slug counts once, in order of first appearance; at most {@value #MAX_TAGS} are taken from a message.
 *       Whether a slug names a channel is the server's business: unknown slugs stay plain text.</li>
 * </ul>
 */
public final class ChannelTags {

    /** Tags taken from one message; later ones stay plain text. */
    public static final int MAX_TAGS = 10;

    private static final Pattern FENCED_CODE = Pattern.compile("```.*?(?:```|\\z)", Pattern.DOTALL);
    private static final Pattern INLINE_CODE = Pattern.compile("(`+)(?!`).+?(?<!`)\\1(?!`)", Pattern.DOTALL);
    private static final Pattern URL = Pattern.compile(
            "(?i)(?:\\b[a-z][a-z0-9+.-]*://|\\bwww\\.)\\S+|<[^<>\\s]+>");
    private static final Pattern TAG = Pattern.compile(
            "(?<![\\p{L}\\p{N}_&/#\\\\])#([\\p{Alnum}][\\p{Alnum}_-]{0," + (Limits.CHANNEL_SLUG_MAX_CHARS - 1)
                    + "})(?![\\p{Alnum}_-])");

    private ChannelTags() {
    }

    /** The distinct slugs tagged in {@code content}, lower-cased, in order of first appearance. */
    public static Set<String> slugs(String content) {
        Set<String> slugs = new LinkedHashSet<>();
        if (content == null || content.indexOf('#') < 0) {
            return slugs;
        }
        String visible = blankOut(blankOut(blankOut(content, FENCED_CODE), INLINE_CODE), URL);
        Matcher tag = TAG.matcher(visible);
        while (tag.find() && slugs.size() < MAX_TAGS) {
            slugs.add(tag.group(1).toLowerCase(Locale.ROOT));
        }
        return slugs;
    }

    /** Replaces every match with spaces of the same length, so what follows keeps its position. */
    private static String blankOut(String text, Pattern pattern) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder result = new StringBuilder(text);
        do {
            for (int i = matcher.start(); i < matcher.end(); i++) {
                result.setCharAt(i, ' ');
            }
        } while (matcher.find());
        return result.toString();
    }
}
