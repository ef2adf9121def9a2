package dev.chat.api.invites;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "chat.invites")
public interface InviteConfig {

    /** How long an invite stays usable when the admin does not say. */
    @WithDefault("P7D")
    Duration defaultExpiry();

    /** The longest an admin may ask for. */
    @WithDefault("P30D")
    Duration maxExpiry();

    /**
     * Where the web client accepts invites; the token goes after a '#', in the fragment, which browsers never send to
     * servers, so it stays out of access logs and Referer headers.
     */
    @WithDefault("http://localhost:3000/invite")
    String acceptUrl();

    /**
     * How often seats held by email invites that ran out are given back in workspaces where nobody takes a seat. The
     * scheduler reads the property itself ({@code ExpiredInvitations}); declared here so that a malformed value fails
     * at startup with the other invite settings.
     */
    Duration releaseInterval();

    /** Whether the logging mail sender writes out invite links (for local runs only: they are credentials). */
    @WithDefault("false")
    boolean logLinks();
}
