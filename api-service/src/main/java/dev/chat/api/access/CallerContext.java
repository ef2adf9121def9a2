package dev.chat.api.access;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller of the current request. */
@RequestScoped
public class CallerContext {

    static final String ORG_CLAIM = "org_id";

    private final SecurityIdentity identity;

    public CallerContext(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller caller() {
        String org = identity.getPrincipal() instanceof JsonWebToken token ? token.getClaim(ORG_CLAIM) : null;
        return new Caller(identity.getPrincipal().getName(), org == null || org.isBlank() ? null : org);
    }
}
