package dev.chat.testing;

import dev.chat.local.TokenClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Access tokens from the test issuer, one per subject, cached for the test run (they live an hour). */
public final class Tokens {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    /** A token with no organization. */
    public static String forSubject(String subject) {
        return CACHE.computeIfAbsent(subject,
                s -> TokenClient.accessToken(TestInfrastructure.get().issuerUrl, s));
    }

    /** A correctly signed token of the same issuer, for another application ({@code aud}). */
    public static String forAudience(String subject, String audience) {
        return TokenClient.accessToken(TestInfrastructure.get().issuerUrl, subject, null, audience);
    }

    /** A token whose {@code org_id} claim is {@code orgId}. */
    public static String forSubject(String subject, String orgId) {
        return CACHE.computeIfAbsent(subject + "\n" + orgId,
                key -> TokenClient.accessToken(TestInfrastructure.get().issuerUrl, subject, orgId));
    }
}
