package dev.chat.model;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a message mentions, in the form Slack's API uses: {@code <@USER_ID>} for one member (clients show the name) and
 * {@code <!channel>} for every member of the channel. Written out by clients, never guessed from names in the text.
 */
public final class Mentions {

    /** A user id as the API writes it: a canonical lower-case UUID. */
    private static final Pattern USER = Pattern.compile(
            "<@([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})>");
    private static final String CHANNEL = "<!channel>";

    private Mentions() {
    }

    /** The members mentioned, each once, in the order they first appear. */
    public static Set<UUID> users(String content) {
        Set<UUID> users = new LinkedHashSet<>();
        Matcher matcher = USER.matcher(content);
        while (matcher.find()) {
            users.add(UUID.fromString(matcher.group(1)));
        }
        return users;
    }

    public static boolean channel(String content) {
        return content.contains(CHANNEL);
    }
}
