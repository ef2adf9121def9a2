package dev.chat.testing.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Hostile variants of a valid request, by class of mistake (the classes of docs/reliability.md): every field given
 * each wrong type, unstorable text, a duplicate, an unknown sibling or left out; whole bodies that are not one JSON
 * object; bytes that are not UTF-8; path ids and query parameters that are not what they claim; and random edits of
 * the valid body. Deterministic for a given Random.
 */
public final class Mutations {

    /** JSON values that are wrong for most fields, each as it is written in a body. */
    static final List<String> WRONG_VALUES = List.of("true", "false", "0", "-1", "2147483648",
            "99999999999999999999", "1e400", "3.14", "-0.0", "\"\"", "\" \"", "\"x\"", "[]", "[1]", "{}",
            "{\"a\":1}", "null", "\"a\\u0000b\"", "\"\\ud800\"", "\"x\\udc00\"", "\"1-1-1-1-1\"",
            "\"00000000-0000-0000-0000-000000000000\"", "\"\\u202egnp.exe\"", "\"\\u200b\\u200c\"", "\"\\n\"",
            "\"" + "x".repeat(50_000) + "\"", "\"3\"", "\"true\"", "1" + "0".repeat(1_200));

    /** Whole bodies that are not one JSON object, or not JSON at all. */
    static final List<String> WRONG_BODIES = List.of("", " ", "null", "[]", "[{}]", "1", "\"x\"", "true", "{", "}",
            "{\"", "{}xyz", "{}{}", "{} {}", "{\"unknown\":1}", "{'a':1}", "{\"a\":1,}", "{\"a\" 1}", "\u0000",
            "{\"a\":NaN}", "{\"a\":01}", "[".repeat(5_000) + "]".repeat(5_000),
            "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000));

    /** Byte sequences that are not UTF-8, placed inside a string value. */
    static final List<byte[]> INVALID_UTF8 = List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xC0,
        (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xFF},
        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});

    static final List<String> WRONG_IDS = List.of("1-1-1-1-1", "00000000-0000-7000-8000-00000000000",
            "00000000-0000-7000-8000-0000000000001", "%7Bid%7D", "null", "%00", "%20", "x".repeat(300),
            "00000000000070008000000000000001", "..%2F..%2Fapi", "%F0%9F%92%A9");

    static final List<String> WRONG_LIMITS = List.of("-1", "0", "101", "abc", "1.5", "", "99999999999", "1e3",
            "%00", "0x10", "+5", "%2050");

    static final List<String> WRONG_CURSORS = List.of("x", "%00", "AAAA", "____", "null", "x".repeat(5_000),
            "eyJpZCI6MX0", "%F0%9F%92%A9");

    private static final String EDIT_ALPHABET = "{}[]\":,0123456789.-+eE tfnulax\\\u00e9\u0000";

    private Mutations() {
    }

    /** A body's variants, each labelled with its class; {@code fields} is the valid body, in order. */
    public static Map<String, List<byte[]>> bodies(Map<String, String> fields, Random random, int randomEdits) {
        Map<String, List<byte[]>> cases = new LinkedHashMap<>();
        String valid = render(fields);
        for (String field : fields.keySet()) {
            for (String wrong : WRONG_VALUES) {
                add(cases, "wrong value", render(with(fields, field, wrong)));
            }
            add(cases, "duplicate key", valid.substring(0, valid.length() - 1) + ",\"" + field + "\":"
                    + fields.get(field) + "}");
            add(cases, "missing field", render(without(fields, field)));
            add(cases, "unknown field", render(with(fields, camelCase(field) + "X", fields.get(field))));
            for (byte[] invalid : INVALID_UTF8) {
                cases.computeIfAbsent("invalid UTF-8", k -> new ArrayList<>()).add(concat(
                        ("{\"" + field + "\":\"a").getBytes(StandardCharsets.UTF_8), invalid,
                        "b\"}".getBytes(StandardCharsets.UTF_8)));
            }
        }
        for (String wrong : WRONG_BODIES) {
            add(cases, "not one JSON object", wrong);
        }
        add(cases, "trailing data", valid + "xyz");
        add(cases, "trailing data", valid + valid);
        add(cases, "byte order mark", "\uFEFF" + valid);
        for (int i = 0; i < randomEdits; i++) {
            add(cases, "random edit", edit(valid, random));
        }
        return cases;
    }

    public static List<String> wrongIds() {
        return WRONG_IDS;
    }

    public static List<String> wrongLimits() {
        return WRONG_LIMITS;
    }

    public static List<String> wrongCursors() {
        return WRONG_CURSORS;
    }

    /** A valid body from field names and their values as JSON text, in order: {@code fields("op", "\"ping\"")}. */
    public static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    /** The valid body as JSON text, fields in order. */
    public static String render(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name)
                .append("\":").append(value));
        return json.append('}').toString();
    }

    /** A random identifier in canonical form, which names nothing. */
    public static String unknownId(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static String edit(String valid, Random random) {
        StringBuilder text = new StringBuilder(valid);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && !text.isEmpty(); i++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(5)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, EDIT_ALPHABET.charAt(random.nextInt(EDIT_ALPHABET.length())));
                case 2 -> text.setCharAt(at, EDIT_ALPHABET.charAt(random.nextInt(EDIT_ALPHABET.length())));
                case 3 -> text.insert(at, text.substring(at, Math.min(text.length(), at + 1 + random.nextInt(12))));
                default -> text.setLength(at);
            }
        }
        return text.toString();
    }

    private static Map<String, String> with(Map<String, String> fields, String field, String value) {
        Map<String, String> changed = new LinkedHashMap<>(fields);
        changed.put(field, value);
        return changed;
    }

    private static Map<String, String> without(Map<String, String> fields, String field) {
        Map<String, String> changed = new LinkedHashMap<>(fields);
        changed.remove(field);
        return changed;
    }

    private static String camelCase(String snake) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    private static void add(Map<String, List<byte[]>> cases, String kind, String body) {
        cases.computeIfAbsent(kind, k -> new ArrayList<>()).add(body.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
