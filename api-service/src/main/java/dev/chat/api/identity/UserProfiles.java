package dev.chat.api.identity;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Looks up the email and name of a token's subject in the identity provider's user directory. A lookup that fails
 * (directory down, unknown user, no API key configured) yields nothing rather than failing the caller's request:
 * the account works without a profile and the next sign-in tries again.
 */
@ApplicationScoped
public class UserProfiles {

    static final String API_KEY = "chat.identity.workos.api-key";
    private static final Logger LOG = Logger.getLogger(UserProfiles.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(4);

    private final WorkOsUserApi directory;
    private final boolean configured;

    public UserProfiles(@RestClient WorkOsUserApi directory, @ConfigProperty(name = API_KEY) Optional<String> apiKey) {
        this.directory = directory;
        this.configured = apiKey.filter(key -> !key.isBlank()).isPresent();
    }

    public Uni<Optional<Profile>> lookup(String subject) {
        if (!configured) {
            return Uni.createFrom().item(Optional.empty());
        }
        return directory.user(subject)
                .map(user -> Optional.of(new Profile(verifiedEmail(user), name(user))))
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("No profile for a user from the directory: %s", failure.getMessage());
                    return Optional.empty();
                });
    }

    /**
     * Only an address the provider has verified is taken: it decides which email invites a user may accept and which
     * invited account they take over.
     */
    private static String verifiedEmail(WorkOsUserApi.WorkOsUser user) {
        return Boolean.TRUE.equals(user.emailVerified()) ? user.email() : null;
    }

    private static String name(WorkOsUserApi.WorkOsUser user) {
        String name = Stream.of(user.firstName(), user.lastName()).filter(part -> part != null && !part.isBlank())
                .collect(Collectors.joining(" "));
        return name.isEmpty() ? null : name;
    }

    /** What the directory knows of a user: a verified email (or null) and a name (or null). */
    public record Profile(String email, String name) {
    }
}
