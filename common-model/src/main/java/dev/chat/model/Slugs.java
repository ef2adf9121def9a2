package dev.chat.model;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Readable URL names made from display names, for workspaces and channels: "Café Société!" becomes
 * {@code cafe-societe}. Letters lose their accents (NFKD, combining marks dropped; æ, ø, ß… are spelled out),
 * everything is lower-cased, every run of other characters becomes one {@code -}, none at either end, cut at a hyphen
 * to fit. A name with nothing usable (only punctuation, or a script without Latin letters) gets the fallback, so every
 * name yields a slug; uniqueness ({@code acme}, {@code acme-2}, …) is decided where slugs are stored.
 */
public final class Slugs {

    private Slugs() {
    }

    public static String from(String name, int maxLength, String fallback) {
        String ascii = transliterate(Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT))
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (ascii.length() > maxLength) {
            ascii = ascii.substring(0, maxLength);
            int lastHyphen = ascii.lastIndexOf('-');
            if (lastHyphen > maxLength / 2) {
                ascii = ascii.substring(0, lastHyphen);
            }
            ascii = ascii.replaceAll("-+$", "");
        }
        return ascii.isEmpty() ? fallback : ascii;
    }

    /** Latin letters that have no decomposition into a base letter and an accent. */
    private static String transliterate(String text) {
        return text.replace("æ", "ae").replace("ø", "o").replace("œ", "oe").replace("ß", "ss").replace("đ", "d")
                .replace("ð", "d").replace("þ", "th").replace("ł", "l").replace("ı", "i");
    }

    /** The {@code n}th candidate for a slug: {@code acme}, then {@code acme-2}, {@code acme-3}…, within the length. */
    public static String candidate(String base, int n, int maxLength) {
        if (n <= 1) {
            return base;
        }
        String suffix = "-" + n;
        String head = base.length() + suffix.length() > maxLength ? base.substring(0, maxLength - suffix.length())
                : base;
        return head.replaceAll("-+$", "") + suffix;
    }
}
