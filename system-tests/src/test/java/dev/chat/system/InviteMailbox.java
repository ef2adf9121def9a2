package dev.chat.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The invite emails api-service "sent": with {@code CHAT_INVITES_LOG_LINKS=true} (as ./run sets it) its logging mail
 * sender writes each invite's link to its log, which this reads like an inbox.
 */
final class InviteMailbox {

    private static final Pattern MAIL = Pattern.compile("Invite email to (\\S+) for workspace .*?: (https?://\\S+)");

    private final Path apiLog;

    InviteMailbox(Path apiLog) {
        this.apiLog = apiLog;
    }

    /** The link in the latest invite email to {@code address}. */
    Optional<String> latestLink(String address) {
        try {
            String link = null;
            for (String line : Files.readAllLines(apiLog)) {
                Matcher mail = MAIL.matcher(line);
                if (mail.find() && mail.group(1).equalsIgnoreCase(address)) {
                    link = mail.group(2);
                }
            }
            return Optional.ofNullable(link);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
